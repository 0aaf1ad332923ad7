// Why a resource's arguments cannot be used, and the property path each reason names: the type `check`, the argument
// schemas, the size bounds and the data files share (its own module, so that none of them imports another for it).

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * The path of a property below `path`: `.name` for a name, `[2]` for an index, and a quoted `["a.b"]` for a name that could
 * not be told apart otherwise (dots, brackets, spaces, empty), so that every path names exactly one place.
 */
export function childPath(path: string, part: string | number): string {
  if (typeof part === "number" || /^\d+$/.test(part)) return `${path}[${part}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(part)) return path ? `${path}.${part}` : part;
  return `${path}[${JSON.stringify(part)}]`;
}

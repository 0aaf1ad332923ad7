// Minimal path matching ("/stores/:storeHash/v2/customer_groups/:id") shared by the vendor and admin routers.

/** Splits a path into decoded segments; undefined when a segment is not valid percent-encoding. */
export function splitPath(path: string): string[] | undefined {
  const parts = path.split("/").filter((s) => s !== "");
  try {
    return parts.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Matches decoded segments against a pattern; ":name" segments capture. */
export function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const want = pattern.split("/").filter((s) => s !== "");
  if (want.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const got = segments[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = got;
    else if (w !== got) return undefined;
  }
  return params;
}

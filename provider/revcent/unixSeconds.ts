// RevCent's dates are unix seconds; a program may give a Date. Its own module: the program's side needs it, not the rest of members.ts.

/** A Date as unix seconds (rounded down); numbers stay as they are. */
export function unixSeconds(value: number | Date): number {
  return value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
}

// Roles a store gives one group at a time (BigCommerce: the default group; the guest group), checked across every resource
// of a program before any request: two groups claiming one role would take it from each other on every run.

import * as pulumi from "@pulumi/pulumi";

/** A boolean argument that at most one group of a store may set to `true`. */
export interface Role {
  /** The argument: `isDefault`. */
  field: string;
  /** What the store calls the group that has it: "default group". */
  name: string;
}

/** The program's claims: `${backend}|${connection}|${field}` -> the resource that set it. */
const claims = new Map<string, string>();

/** The sentence a second claim fails with; `first` and `second` name the two resources as the reader knows them. */
export function roleConflict(role: Role, first: string, second: string, connection: string | undefined): string {
  const where = connection === undefined ? "the default connection's store" : `the store of connection '${connection}'`;
  return (
    `${first} and ${second} both set ${role.field}: true in ${where}; a store has one ${role.name}, so each run would take it ` +
    `from the other. Keep ${role.field}: true on one of them.`
  );
}

/**
 * Records the roles a resource claims, failing the program on a second claim of one role in one store. Plain values are
 * checked at once, before the resource is registered; values only known later (outputs) are checked when they resolve.
 */
export function claimRoles(backend: string, resource: string, args: Record<string, unknown>, roles: readonly Role[]): void {
  for (const role of roles) {
    const claim = (value: unknown, connection: unknown) => {
      if (value !== true) return;
      const at = typeof connection === "string" ? connection : undefined;
      const key = `${backend}|${at ?? ""}|${role.field}`;
      const first = claims.get(key);
      if (first !== undefined && first !== resource) throw new pulumi.RunError(roleConflict(role, `${backend} group '${first}'`, `'${resource}'`, at));
      claims.set(key, resource);
    };
    const value = args[role.field];
    const connection = args.connection;
    const plain = (v: unknown) => v === undefined || typeof v === "boolean" || typeof v === "string";
    if (plain(value) && plain(connection)) claim(value, connection);
    else pulumi.all([value, connection]).apply(([v, c]) => claim(v, c));
  }
}

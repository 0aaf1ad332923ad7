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

/** Set by the first conflict, which fails the program: from then on no resource of it is registered. */
let conflicted = false;
let gate: Promise<void> | undefined;

/**
 * Resolves once the program's synchronous code has declared its resources (the next turn of the event loop), unless two
 * of them claimed one role: the SDK's resources wait for it before they are registered, so that a program with two
 * default groups sends no request at all (a resource registered before the second claim would otherwise be created).
 */
export function rolesChecked(): Promise<void> {
  gate ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      gate = undefined;
      // A conflict has already failed the program (claimRoles threw): what waits here is never registered.
      if (!conflicted) resolve();
    }),
  );
  return gate;
}

/**
 * Records the roles a resource claims; a second claim of one role in one store fails the program (see rolesChecked).
 * Plain values are checked at once; values only known later (outputs) when they resolve, and `check` catches them too.
 */
export function claimRoles(backend: string, resource: string, args: Record<string, unknown>, roles: readonly Role[]): void {
  for (const role of roles) {
    const claim = (value: unknown, connection: unknown) => {
      if (value !== true) return;
      const at = typeof connection === "string" ? connection : undefined;
      const key = `${backend}|${at ?? ""}|${role.field}`;
      const first = claims.get(key);
      if (first === undefined || first === resource) claims.set(key, resource);
      else {
        conflicted = true;
        throw new pulumi.RunError(roleConflict(role, `${backend} group '${first}'`, `'${resource}'`, at));
      }
    };
    const value = args[role.field];
    const connection = args.connection;
    const plain = (v: unknown) => v === undefined || typeof v === "boolean" || typeof v === "string";
    if (plain(value) && plain(connection)) claim(value, connection);
    else pulumi.all([value, connection]).apply(([v, c]) => claim(v, c));
  }
}

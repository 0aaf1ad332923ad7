// RevCent data seeded through the admin API (the v2 API the sandbox serves is read-only), checked against the seed schemas.
import { isPlainObject } from "../core/http";
import { revcentId } from "../core/ids";
import { describeErrors } from "../core/jsonSchema";
import type { RcCustomer, RcCustomerGroup, RcSnapshot } from "./model";
import { revcentValidators } from "./spec";

export class RcSeedError extends Error {
  constructor(
    readonly problems: string[],
    readonly status = 400,
  ) {
    super(problems.join(" "));
  }
}

const unixNow = () => Math.floor(Date.now() / 1000);

export class RcStore {
  private groups: RcCustomerGroup[] = [];
  private customers: RcCustomer[] = [];

  snapshot(): RcSnapshot {
    return structuredClone({ groups: this.groups, customers: this.customers });
  }

  load(s: RcSnapshot): void {
    this.groups = structuredClone(s.groups);
    this.customers = structuredClone(s.customers);
  }

  clear(): void {
    this.groups = [];
    this.customers = [];
  }

  listGroups(): RcCustomerGroup[] {
    return structuredClone(this.groups);
  }

  listCustomers(): RcCustomer[] {
    return structuredClone(this.customers);
  }

  /** All-or-nothing: one bad group rejects the whole batch. */
  seedGroups(input: unknown): RcCustomerGroup[] {
    const items = asArray(input);
    const now = unixNow();
    const made = items.map((raw, i): RcCustomerGroup => {
      if (!isPlainObject(raw) || typeof raw.name !== "string") throw new RcSeedError([`[${i}]: a group needs a string name.`]);
      const group = {
        id: revcentId(),
        name: raw.name,
        description: "",
        enabled: true,
        qualifier_method: "none",
        qualifiers: {},
        created_date_unix: now,
        ...raw,
      } as RcCustomerGroup;
      group.updated_date_unix ??= group.created_date_unix;
      check("GetCustomerGroups", group, i);
      return group;
    });
    this.assertFreshIds(
      made.map((g) => g.id),
      this.groups,
    );
    this.groups.push(...made);
    return structuredClone(made);
  }

  seedCustomers(input: unknown): RcCustomer[] {
    const items = asArray(input);
    const now = unixNow();
    const made = items.map((raw, i): RcCustomer => {
      if (!isPlainObject(raw)) throw new RcSeedError([`[${i}]: a customer must be an object.`]);
      const customer = {
        id: revcentId(),
        enabled: true,
        blocked: false,
        status: "Enabled",
        customer_group: [],
        metadata: [],
        created_date_unix: now,
        ...raw,
      } as unknown as RcCustomer;
      customer.updated_date_unix ??= customer.created_date_unix;
      if (!Array.isArray(customer.customer_group)) throw new RcSeedError([`[${i}].customer_group: must be an array.`]);
      customer.customer_group = customer.customer_group.map((ref, j) => {
        const group = this.groups.find((g) => isPlainObject(ref) && g.id === ref.id);
        if (!group) throw new RcSeedError([`[${i}].customer_group[${j}]: no seeded group has id '${String((ref as { id?: unknown })?.id)}'.`]);
        return { id: group.id, name: group.name };
      });
      check("GetCustomers", customer, i);
      return customer;
    });
    this.assertFreshIds(
      made.map((c) => c.id),
      this.customers,
    );
    this.customers.push(...made);
    return structuredClone(made);
  }

  /** Admin: a merchant's edit of a group (drift as the provider would see it). */
  editGroup(id: string, patch: unknown): RcCustomerGroup {
    const index = this.groups.findIndex((g) => g.id === id);
    if (index < 0) throw new RcSeedError([`no group has id '${id}'.`], 404);
    if (!isPlainObject(patch) || "id" in patch) throw new RcSeedError(["the patch must be an object without id."]);
    const next = { ...this.groups[index]!, ...patch, updated_date_unix: unixNow() } as RcCustomerGroup;
    check("GetCustomerGroups", next, 0);
    this.groups[index] = next;
    // Customers carry the group's name; keep it in step.
    for (const c of this.customers) for (const ref of c.customer_group ?? []) if (ref.id === id) ref.name = next.name;
    return structuredClone(next);
  }

  deleteGroup(id: string): void {
    if (!this.groups.some((g) => g.id === id)) throw new RcSeedError([`no group has id '${id}'.`], 404);
    this.groups = this.groups.filter((g) => g.id !== id);
    for (const c of this.customers) c.customer_group = (c.customer_group ?? []).filter((ref) => ref.id !== id);
  }

  private assertFreshIds(ids: string[], existing: readonly { id: string }[]): void {
    const seen = new Set(existing.map((x) => x.id));
    for (const id of ids) {
      if (seen.has(id)) throw new RcSeedError([`the id '${id}' is already taken.`]);
      seen.add(id);
    }
  }
}

function asArray(input: unknown): unknown[] {
  if (!Array.isArray(input)) throw new RcSeedError(["expected a JSON array."]);
  return input;
}

function check(op: "GetCustomerGroups" | "GetCustomers", item: unknown, index: number): void {
  const v = revcentValidators(op).item;
  if (!v(item)) throw new RcSeedError(describeErrors(v.errors).map((m) => `[${index}]: ${m}`));
}

// Which resource of the running deployment adopts or holds which group, so that no step deletes a group that another
// resource of the same run adopted or holds (a renamed entry of a data file: the new name adopts the group, the old name
// is deleted, and the group must survive). The engine runs one provider process per deployment and calls `check` and
// `diff` for every resource the program declares before it deletes those the program no longer declares, so by the time
// a delete arrives every holder has been recorded. A refresh (`up --refresh`) also calls `diff`, for every resource of
// the stack, declared or not: only resources whose `check` ran (the program declares them) hold their group.

/** The unique field a resource adopts its group by (the lifecycle's Identity). */
interface Identity {
  field: string;
  value: string;
}

/** The resource that adopts or holds a group: its name in the stack (the SDK sends it), and how. */
export interface Holder {
  resource: string;
  how: "adopts" | "holds";
}

export class RunLedger {
  /** `place|id` -> the resource whose recorded state is that group and that stays declared. */
  private readonly held = new Map<string, Holder>();
  /** place -> the identities (`key`, `name`, `groupId`) that resources adopt by in this run. */
  private readonly claims = new Map<string, { identity: Identity; holder: Holder }[]>();
  /** `place|id` of groups whose resource is being replaced: their delete is the first half of that replacement. */
  private readonly replacing = new Set<string>();

  /** `place|field` -> the resource that claims a role the store gives one group (the default group). */
  private readonly roles = new Map<string, string>();
  /** The resources the program declares in this run (their `check` ran). */
  private readonly declared = new Set<string>();
  /** `place|id` of groups a replacement deletes whose new declaration allows deleting them with their customers. */
  private readonly withCustomers = new Set<string>();

  /** Forgets everything: a new deployment starts (the engine calls `configure` first). */
  clear(): void {
    this.held.clear();
    this.claims.clear();
    this.replacing.clear();
    this.roles.clear();
    this.declared.clear();
    this.withCustomers.clear();
  }

  /** A replacement's new declaration says `deleteWithCustomers: true`: its delete of the old group may take customers with it. */
  allowsDeleteWithCustomers(place: string, id: string): void {
    this.withCustomers.add(`${place}|${id}`);
  }

  deleteWithCustomersAllowed(place: string, id: string): boolean {
    return this.withCustomers.has(`${place}|${id}`);
  }

  /** The program declares `resource` (its `check` ran): its diffs from now on are those of a declared resource. */
  declares(resource: string): void {
    this.declared.add(resource);
  }

  /** Records that `resource` claims the role `field` in `place`; returns the other resource that claimed it first, if any. */
  claimsRole(place: string, field: string, resource: string): { resource: string } | undefined {
    const key = `${place}|${field}`;
    const first = this.roles.get(key);
    if (first !== undefined && first !== resource) return { resource: first };
    this.roles.set(key, resource);
    return undefined;
  }

  /** A resource declares `adopt` (or its backend adopts every group): it takes over the group with this identity. */
  adopts(place: string, identity: Identity, resource: string): void {
    const list = this.claims.get(place) ?? [];
    if (!list.some((c) => c.identity.field === identity.field && c.identity.value === identity.value && c.holder.resource === resource))
      list.push({ identity, holder: { resource, how: "adopts" } });
    this.claims.set(place, list);
  }

  /**
   * A declared resource's recorded group (its diff ran); `replaced` when the diff replaces it, so its own delete goes ahead.
   * The diff of a resource the program does not declare (a refresh's) holds nothing: that resource is about to be deleted.
   */
  holds(place: string, id: string, resource: string, replaced: boolean): void {
    if (!this.declared.has(resource)) return;
    if (replaced) this.replacing.add(`${place}|${id}`);
    else this.held.set(`${place}|${id}`, { resource, how: "holds" });
  }

  /** A group a create or adoption of this run now holds. */
  took(place: string, id: string, resource: string): void {
    this.held.set(`${place}|${id}`, { resource, how: "adopts" });
  }

  /**
   * The resource that adopts or holds the group a delete is about (`recorded`: its state), other than the resource being
   * replaced; undefined when the delete may go ahead.
   */
  holderOf(place: string, id: string, recorded: Record<string, unknown>): Holder | undefined {
    const held = this.held.get(`${place}|${id}`);
    if (held) return held;
    const replaced = this.replacing.has(`${place}|${id}`);
    for (const { identity, holder } of this.claims.get(place) ?? []) {
      const same = recorded[identity.field] === identity.value || (identity.field !== "name" && identity.value === id);
      // A replacement that adopts the group again by the same identity deletes it first, on purpose (deleteBeforeReplace).
      if (same && !replaced) return holder;
    }
    return undefined;
  }
}

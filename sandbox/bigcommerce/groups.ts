// The BigCommerce v2 customer-group store: integer ids, unique names, one default group and one guest group, rules replaced
// as a whole (a price-list rule alone), as BigCommerce's current reference describes them.
import { describeErrors } from "../core/jsonSchema";
import { amountString, BcError, referenceDate } from "./format";
import {
  contractErrors,
  validateAnswer,
  validateCreate,
  validateUpdate,
  type BcCategoryAccess,
  type BcDiscountRuleInput,
  type BcGroupInput,
  type BcPriceListRuleInput,
} from "./schema";

/**
 * A rule as the store answers it: a discount (`type`, `method`, `amount` as a 4-decimal string, its target's id) or a
 * price list ("method and amount are not shown. type and price_list_id are returned"). One shape with the variants'
 * fields optional; the contract holds each answer to its variant.
 */
export interface BcDiscountRule {
  type: "all" | "product" | "category" | "price_list";
  method?: "price" | "percent" | "fixed";
  /** 4-decimal string, e.g. "5.0000". */
  amount?: string;
  product_id?: number;
  category_id?: number;
  price_list_id?: number;
}

export interface BcCustomerGroup {
  id: number;
  name: string;
  is_default: boolean;
  category_access: BcCategoryAccess;
  discount_rules: BcDiscountRule[];
  /** The reference's form: "2023-07-17 06:30:41" (UTC). */
  date_created: string;
  date_modified: string;
  is_group_for_guests: boolean;
}

type StoredRule = (Omit<BcDiscountRuleInput, "amount"> & { amount: number }) | BcPriceListRuleInput;

/** What is kept (and persisted): numbers and epoch ms, formatted only on the way out. */
export interface BcGroupRecord {
  id: number;
  name: string;
  is_default: boolean;
  category_access: BcCategoryAccess;
  discount_rules: StoredRule[];
  date_created: number;
  date_modified: number;
  /** Absent in state persisted before the sandbox knew the flag: false. */
  is_group_for_guests?: boolean;
}

/** A customer of the store, as far as groups need it (the v3 Customers API's `customer_group_id`). */
export interface BcCustomer {
  id: number;
  email: string;
  customer_group_id: number;
}

export interface BcSnapshot {
  nextId: number;
  groups: BcGroupRecord[];
  /** Absent in files written before customers were served. */
  customers?: BcCustomer[];
}

export interface BcFilter {
  name?: string;
  is_default?: boolean;
  is_group_for_guests?: boolean;
}

/** A group as the store answers it. */
function presented(record: BcGroupRecord): BcCustomerGroup {
  const group: BcCustomerGroup = {
    id: record.id,
    name: record.name,
    is_default: record.is_default,
    category_access: structuredClone(record.category_access),
    discount_rules: record.discount_rules.map((r): BcDiscountRule => {
      if (r.type === "price_list") return { type: "price_list", price_list_id: r.price_list_id };
      const rule: BcDiscountRule = { type: r.type, method: r.method, amount: amountString(r.amount) };
      if (r.product_id !== undefined) rule.product_id = r.product_id;
      if (r.category_id !== undefined) rule.category_id = r.category_id;
      return rule;
    }),
    date_created: referenceDate(record.date_created),
    date_modified: referenceDate(record.date_modified),
    is_group_for_guests: record.is_group_for_guests === true,
  };
  return group;
}

/**
 * The reference's rules between a body's discount rules, checked before its schema so that the answer says which one:
 * "If you select price_list, it must be the only rule", and "you can only have a single all rule".
 */
function assertRuleSet(body: unknown): void {
  const rules = isPlainBody(body) && Array.isArray(body.discount_rules) ? body.discount_rules : [];
  const typed = (type: string) => rules.filter((r) => isPlainBody(r) && r.type === type).length;
  if (typed("price_list") > 0 && rules.length > 1) {
    throw new BcError(400, ["A price_list discount rule must be the only discount rule of the customer group."]);
  }
  if (typed("all") > 1) throw new BcError(400, ["A customer group can have only a single all discount rule."]);
}

function storeRules(rules: readonly (BcDiscountRuleInput | BcPriceListRuleInput)[]): StoredRule[] {
  return rules.map((r) => (r.type === "price_list" ? { ...r } : { ...r, amount: Number(r.amount) }));
}

export class BcGroupStore {
  private groups: BcGroupRecord[] = [];
  private nextId = 1;
  /**
   * Groups loaded from a persisted file as a real store may still hold them (the reference's own example swaps a rule's
   * type and method): answered as they are, not held to the contract, until a write replaces what breaks it.
   */
  private asStored = new Set<BcGroupRecord>();

  private customers: BcCustomer[] = [];

  snapshot(): BcSnapshot {
    return { nextId: this.nextId, groups: structuredClone(this.groups), customers: structuredClone(this.customers) };
  }

  load(s: BcSnapshot): void {
    this.groups = structuredClone(s.groups);
    this.nextId = s.nextId;
    this.customers = structuredClone(s.customers ?? []);
    this.asStored = new Set(this.groups.filter((g) => !validateAnswer(presented(g))));
  }

  clear(): void {
    this.groups = [];
    this.nextId = 1;
    this.asStored.clear();
    this.customers = [];
  }

  /** Admin: customers `{email, customer_group_id}` (0: no group), all or nothing. */
  seedCustomers(input: unknown): BcCustomer[] {
    if (!Array.isArray(input)) throw new BcError(400, ["customers must be an array"]);
    const made = input.map((c, i): BcCustomer => {
      if (!isPlainBody(c) || typeof c.email !== "string" || !Number.isInteger(c.customer_group_id) || (c.customer_group_id as number) < 0) {
        throw new BcError(400, [`customers[${i}]: needs email and customer_group_id (an integer, 0 for none)`]);
      }
      return { id: this.customers.length + i + 1, email: c.email, customer_group_id: c.customer_group_id as number };
    });
    this.customers.push(...made);
    return structuredClone(made);
  }

  /** The customers in any of these groups (all when `groupIds` is undefined). */
  customersIn(groupIds: readonly number[] | undefined): BcCustomer[] {
    return structuredClone(this.customers.filter((c) => groupIds === undefined || groupIds.includes(c.customer_group_id)));
  }

  list(filter: BcFilter = {}): BcCustomerGroup[] {
    return this.matching(filter).map((g) => this.present(g));
  }

  get(id: number): BcCustomerGroup {
    return this.present(this.find(id));
  }

  /** `withoutStoreWideRule`: the 207 case, the group made without its store-wide (`all`) rule. */
  create(body: unknown, options: { withoutStoreWideRule?: boolean } = {}): BcCustomerGroup {
    assertRuleSet(body);
    if (!validateCreate(body)) throw new BcError(400, contractErrors(validateCreate, body));
    this.assertUniqueName(body.name!, undefined);
    const now = Date.now();
    const stored = storeRules(body.discount_rules ?? []);
    const record: BcGroupRecord = {
      id: this.nextId++,
      name: body.name!,
      is_default: body.is_default ?? false,
      category_access: body.category_access ?? { type: "all" },
      discount_rules: options.withoutStoreWideRule ? stored.filter((r) => r.type !== "all") : stored,
      date_created: now,
      date_modified: now,
      is_group_for_guests: body.is_group_for_guests ?? false,
    };
    this.clearOtherHolders(record, now);
    this.groups.push(record);
    return this.present(record);
  }

  /** Admin: many groups at once, each made exactly as `create` makes it (same checks, ids, dates, default rule); all or nothing. */
  createMany(bodies: readonly unknown[]): BcCustomerGroup[] {
    const saved = this.snapshot();
    try {
      const ids = bodies.map((body, i) => {
        try {
          return this.create(body).id;
        } catch (err) {
          if (err instanceof BcError)
            throw new BcError(
              err.status,
              err.messages.map((m) => `groups[${i}]: ${m}`),
            );
          throw err;
        }
      });
      // As they are now: a later default in the batch has unset an earlier one.
      return ids.map((id) => this.get(id));
    } catch (err) {
      this.load(saved);
      throw err;
    }
  }

  /** PUT semantics: fields present replace the stored ones; discount_rules is replaced as a whole, or left alone when absent. */
  update(id: number, body: unknown): BcCustomerGroup {
    const record = this.find(id);
    assertRuleSet(body);
    if (!validateUpdate(body)) throw new BcError(400, contractErrors(validateUpdate, body));
    return this.apply(record, body);
  }

  /** Admin: a merchant's edit; same fields and rules as PUT. */
  adminEdit(id: number, patch: unknown): BcCustomerGroup {
    return this.update(id, patch);
  }

  delete(id: number): void {
    const record = this.find(id);
    this.groups = this.groups.filter((g) => g !== record);
    this.unassign(new Set([record.id]));
  }

  deleteWhere(filter: BcFilter): number {
    const doomed = new Set(this.matching(filter));
    this.groups = this.groups.filter((g) => !doomed.has(g));
    this.unassign(new Set([...doomed].map((g) => g.id)));
    return doomed.size;
  }

  /** The reference (Delete a Customer Group): "All existing customers are unassigned from the group when it is deleted." */
  private unassign(groupIds: ReadonlySet<number>): void {
    for (const customer of this.customers) if (groupIds.has(customer.customer_group_id)) customer.customer_group_id = 0;
  }

  private apply(record: BcGroupRecord, body: BcGroupInput): BcCustomerGroup {
    if (body.name !== undefined) this.assertUniqueName(body.name, record.id);
    const now = Date.now();
    if (body.name !== undefined) record.name = body.name;
    if (body.is_default !== undefined) record.is_default = body.is_default;
    if (body.category_access !== undefined) record.category_access = body.category_access;
    if (body.discount_rules !== undefined) record.discount_rules = storeRules(body.discount_rules);
    if (body.is_group_for_guests !== undefined) record.is_group_for_guests = body.is_group_for_guests;
    record.date_modified = now;
    this.clearOtherHolders(record, now);
    if (validateAnswer(presented(record))) this.asStored.delete(record);
    return this.present(record);
  }

  /** The answer for a group; one the sandbox made outside the contract is its own bug, so it fails loudly. */
  private present(record: BcGroupRecord): BcCustomerGroup {
    const group = presented(record);
    if (!this.asStored.has(record) && !validateAnswer(group)) {
      throw new Error(`the sandbox's answer leaves the contract: ${describeErrors(validateAnswer.errors).join(" ")}`);
    }
    return group;
  }

  private matching(filter: BcFilter): BcGroupRecord[] {
    return this.groups.filter(
      (g) =>
        (filter.name === undefined || g.name === filter.name) &&
        (filter.is_default === undefined || g.is_default === filter.is_default) &&
        (filter.is_group_for_guests === undefined || (g.is_group_for_guests === true) === filter.is_group_for_guests),
    );
  }

  private find(id: number): BcGroupRecord {
    const record = this.groups.find((g) => g.id === id);
    if (!record) throw new BcError(404, ["The requested resource was not found."]);
    return record;
  }

  private assertUniqueName(name: string, selfId: number | undefined): void {
    if (this.groups.some((g) => g.id !== selfId && g.name === name)) {
      throw new BcError(409, [`The field 'name' is invalid: a customer group named '${name}' already exists.`]);
    }
  }

  /**
   * New customers go to one group only, and "there can only be one customer group for guests at a time": making a group
   * the default or the guest group unsets the previous one.
   */
  private clearOtherHolders(self: BcGroupRecord, now: number): void {
    for (const g of this.groups) {
      if (g === self) continue;
      if (self.is_default && g.is_default) {
        g.is_default = false;
        g.date_modified = now;
      }
      if (self.is_group_for_guests && g.is_group_for_guests) {
        g.is_group_for_guests = false;
        g.date_modified = now;
      }
    }
  }
}

function isPlainBody(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

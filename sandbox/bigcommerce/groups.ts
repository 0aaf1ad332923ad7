// The BigCommerce v2 customer-group store: integer ids, unique names, one default group, rules replaced as a whole.
import { describeErrors } from "../core/jsonSchema";
import { amountString, BcError, rfc2822 } from "./format";
import { validateCreate, validateUpdate, type BcCategoryAccess, type BcDiscountRuleInput, type BcGroupInput } from "./schema";

export interface BcDiscountRule {
  type: "all" | "product" | "category";
  method: "price" | "percent" | "fixed";
  /** 4-decimal string, e.g. "5.0000". */
  amount: string;
  product_id?: number;
  category_id?: number;
}

export interface BcCustomerGroup {
  id: number;
  name: string;
  is_default: boolean;
  category_access: BcCategoryAccess;
  discount_rules: BcDiscountRule[];
  date_created: string;
  date_modified: string;
}

/** What is kept (and persisted): numbers and epoch ms, formatted only on the way out. */
export interface BcGroupRecord {
  id: number;
  name: string;
  is_default: boolean;
  category_access: BcCategoryAccess;
  discount_rules: (Omit<BcDiscountRule, "amount"> & { amount: number })[];
  date_created: number;
  date_modified: number;
}

export interface BcSnapshot {
  nextId: number;
  groups: BcGroupRecord[];
}

export interface BcFilter {
  name?: string;
  is_default?: boolean;
}

function present(record: BcGroupRecord): BcCustomerGroup {
  return {
    id: record.id,
    name: record.name,
    is_default: record.is_default,
    category_access: structuredClone(record.category_access),
    discount_rules: record.discount_rules.map((r) => {
      const rule: BcDiscountRule = { type: r.type, method: r.method, amount: amountString(r.amount) };
      if (r.product_id !== undefined) rule.product_id = r.product_id;
      if (r.category_id !== undefined) rule.category_id = r.category_id;
      return rule;
    }),
    date_created: rfc2822(record.date_created),
    date_modified: rfc2822(record.date_modified),
  };
}

function storeRules(rules: readonly BcDiscountRuleInput[]): BcGroupRecord["discount_rules"] {
  return rules.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export class BcGroupStore {
  private groups: BcGroupRecord[] = [];
  private nextId = 1;

  snapshot(): BcSnapshot {
    return { nextId: this.nextId, groups: structuredClone(this.groups) };
  }

  load(s: BcSnapshot): void {
    this.groups = structuredClone(s.groups);
    this.nextId = s.nextId;
  }

  clear(): void {
    this.groups = [];
    this.nextId = 1;
  }

  list(filter: BcFilter = {}): BcCustomerGroup[] {
    return this.matching(filter).map(present);
  }

  get(id: number): BcCustomerGroup {
    return present(this.find(id));
  }

  create(body: unknown): BcCustomerGroup {
    if (!validateCreate(body)) throw new BcError(400, describeErrors(validateCreate.errors));
    this.assertUniqueName(body.name!, undefined);
    const now = Date.now();
    const record: BcGroupRecord = {
      id: this.nextId++,
      name: body.name!,
      is_default: body.is_default ?? false,
      category_access: body.category_access ?? { type: "all" },
      discount_rules: storeRules(body.discount_rules ?? []),
      date_created: now,
      date_modified: now,
    };
    if (record.is_default) this.clearOtherDefaults(record.id, now);
    this.groups.push(record);
    return present(record);
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
    if (!validateUpdate(body)) throw new BcError(400, describeErrors(validateUpdate.errors));
    return this.apply(record, body);
  }

  /** Admin: a merchant's edit; same fields and rules as PUT. */
  adminEdit(id: number, patch: unknown): BcCustomerGroup {
    return this.update(id, patch);
  }

  delete(id: number): void {
    const record = this.find(id);
    this.groups = this.groups.filter((g) => g !== record);
  }

  deleteWhere(filter: BcFilter): number {
    const doomed = new Set(this.matching(filter));
    this.groups = this.groups.filter((g) => !doomed.has(g));
    return doomed.size;
  }

  private apply(record: BcGroupRecord, body: BcGroupInput): BcCustomerGroup {
    if (body.name !== undefined) this.assertUniqueName(body.name, record.id);
    const now = Date.now();
    if (body.name !== undefined) record.name = body.name;
    if (body.is_default !== undefined) record.is_default = body.is_default;
    if (body.category_access !== undefined) record.category_access = body.category_access;
    if (body.discount_rules !== undefined) record.discount_rules = storeRules(body.discount_rules);
    record.date_modified = now;
    if (body.is_default === true) this.clearOtherDefaults(record.id, now);
    return present(record);
  }

  private matching(filter: BcFilter): BcGroupRecord[] {
    return this.groups.filter(
      (g) => (filter.name === undefined || g.name === filter.name) && (filter.is_default === undefined || g.is_default === filter.is_default),
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

  /** New customers go to one group only, so making a group the default unsets the previous one. */
  private clearOtherDefaults(selfId: number, now: number): void {
    for (const g of this.groups) {
      if (g.id !== selfId && g.is_default) {
        g.is_default = false;
        g.date_modified = now;
      }
    }
  }
}

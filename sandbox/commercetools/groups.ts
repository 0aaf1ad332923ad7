// The commercetools customer-group store: create, get, query, update and delete with the platform's checks.
import { isPlainObject } from "../core/http";
import { uuid } from "../core/ids";
import { applyAction, type ActionContext } from "./actions";
import { buildCustomFields } from "./customFields";
import { checkDeleteVersion, checkDraft, checkKey, checkUpdate } from "./draft";
import { CtError, ctErrors } from "./errors";
import type { CtCustomerGroup, CtGroupPatch, CtModifiedBy, CtPagedQueryResponse } from "./model";
import { parseQuery, runQuery } from "./query";
import type { TypeRegistry } from "./types";

export type GroupRef = { id: string } | { key: string };

/** The platform's limit on customer groups per project (10,000 since 2 May 2024; 1,000 before; raised per project on request). */
export const MAX_GROUPS = 10_000;

export class CtGroupStore {
  private groups: CtCustomerGroup[] = [];

  constructor(
    private readonly types: TypeRegistry,
    private readonly maxGroups = MAX_GROUPS,
  ) {}

  list(): CtCustomerGroup[] {
    return structuredClone(this.groups);
  }

  load(groups: readonly CtCustomerGroup[]): void {
    this.groups = structuredClone([...groups]);
  }

  clear(): void {
    this.groups = [];
  }

  get(ref: GroupRef): CtCustomerGroup {
    return structuredClone(this.find(ref));
  }

  query(params: URLSearchParams): CtPagedQueryResponse {
    return runQuery(this.groups, parseQuery(params));
  }

  create(body: unknown, by: CtModifiedBy): CtCustomerGroup {
    const draft = checkDraft(body);
    if (this.groups.length >= this.maxGroups) throw ctErrors.maxResourceLimit(this.maxGroups);
    this.assertUnique("name", draft.groupName, "");
    if (draft.key !== undefined) this.assertUnique("key", draft.key, "");
    const now = new Date().toISOString();
    const custom = draft.custom && buildCustomFields(this.types.resolve(draft.custom.type, "custom -> type"), draft.custom.fields, "custom");
    const group: CtCustomerGroup = {
      id: uuid(),
      version: 1,
      ...(draft.key !== undefined ? { key: draft.key } : {}),
      name: draft.groupName,
      ...(custom ? { custom } : {}),
      createdAt: now,
      createdBy: by,
      lastModifiedAt: now,
      lastModifiedBy: by,
    };
    this.groups.push(group);
    return structuredClone(group);
  }

  /** Admin: many groups at once, each made exactly as `create` makes it (same checks, ids, versions, times); all or nothing. */
  createMany(drafts: readonly unknown[], by: CtModifiedBy): CtCustomerGroup[] {
    const before = this.groups;
    this.groups = [...before];
    try {
      return drafts.map((draft, i) => {
        try {
          return this.create(draft, by);
        } catch (err) {
          if (err instanceof CtError) throw new CtError(err.statusCode, err.errors, `groups[${i}]: ${err.message}`);
          throw err;
        }
      });
    } catch (err) {
      this.groups = before;
      throw err;
    }
  }

  update(ref: GroupRef, body: unknown, by: CtModifiedBy): CtCustomerGroup {
    const { version, actions } = checkUpdate(body);
    const current = this.find(ref);
    if (version !== current.version) throw ctErrors.concurrentModification(current.id, version, current.version);
    // An update without actions changes nothing, so the version stays.
    if (actions.length === 0) return structuredClone(current);
    const work = structuredClone(current);
    const ctx: ActionContext = { types: this.types, assertUnique: (f, v, self) => this.assertUnique(f, v, self) };
    actions.forEach((a, i) => applyAction(work, a, i, ctx));
    return this.commit(work, by);
  }

  delete(ref: GroupRef, query: URLSearchParams): CtCustomerGroup {
    const version = checkDeleteVersion(query);
    const current = this.find(ref);
    if (version !== current.version) throw ctErrors.concurrentModification(current.id, version, current.version);
    this.groups = this.groups.filter((g) => g !== current);
    return structuredClone(current);
  }

  /** Admin: a merchant's edit, which bumps the version like any update. */
  adminEdit(id: string, patch: unknown): CtCustomerGroup {
    if (!isPlainObject(patch)) throw ctErrors.invalidJson("The patch must be a JSON object.");
    const p = patch as CtGroupPatch;
    const work = structuredClone(this.find({ id }));
    if (p.name !== undefined) {
      if (typeof p.name !== "string") throw ctErrors.invalidJson("name: JSON String expected.");
      this.assertUnique("name", p.name, id);
      work.name = p.name;
    }
    if (p.key === null) delete work.key;
    else if (p.key !== undefined) {
      this.assertUnique("key", checkKey(p.key, "key"), id);
      work.key = p.key;
    }
    if (p.custom === null) delete work.custom;
    else if (p.custom !== undefined) {
      if (!isPlainObject(p.custom)) throw ctErrors.invalidJson("custom: JSON object expected.");
      work.custom = buildCustomFields(this.types.resolve(p.custom.type, "custom -> type"), p.custom.fields, "custom");
    }
    return this.commit(work, { isPlatformClient: true });
  }

  /** Admin: deletes without a version check. */
  adminDelete(id: string): CtCustomerGroup {
    const current = this.find({ id });
    this.groups = this.groups.filter((g) => g !== current);
    return structuredClone(current);
  }

  private commit(work: CtCustomerGroup, by: CtModifiedBy): CtCustomerGroup {
    const index = this.groups.findIndex((g) => g.id === work.id);
    work.version = this.groups[index]!.version + 1;
    work.lastModifiedAt = new Date().toISOString();
    work.lastModifiedBy = by;
    this.groups[index] = work;
    return structuredClone(work);
  }

  private find(ref: GroupRef): CtCustomerGroup {
    if ("id" in ref) {
      const g = this.groups.find((x) => x.id === ref.id);
      if (!g) throw ctErrors.notFoundById(ref.id);
      return g;
    }
    const g = this.groups.find((x) => x.key === ref.key);
    if (!g) throw ctErrors.notFoundByKey(ref.key);
    return g;
  }

  private assertUnique(field: "name" | "key", value: string, selfId: string): void {
    const other = this.groups.find((g) => g.id !== selfId && g[field] === value);
    if (other) throw ctErrors.duplicateField(field, value, other.id);
  }
}

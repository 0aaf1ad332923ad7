// The commercetools customers of a project, as far as customer groups need them: seeded through the admin API, queried
// through `GET /{projectKey}/customers` (to count a group's members: `customerGroup` or `customerGroupAssignments`).
import { isPlainObject } from "../core/http";
import { uuid } from "../core/ids";
import { ctErrors } from "./errors";
import { parseQuery, runQuery, type PagedQueryResponse } from "./query";

export interface CtCustomer {
  id: string;
  version: number;
  email: string;
  customerGroup?: { typeId: "customer-group"; id: string };
  customerGroupAssignments?: { customerGroup: { typeId: "customer-group"; id: string } }[];
  createdAt: string;
  lastModifiedAt: string;
}

/** Fields of a customer a query predicate may name at the top level. */
const CUSTOMER_FIELDS: ReadonlySet<string> = new Set(["id", "email", "customerGroup", "customerGroupAssignments", "createdAt", "lastModifiedAt"]);

const groupRef = (value: unknown, path: string): { typeId: "customer-group"; id: string } => {
  if (!isPlainObject(value) || typeof value.id !== "string") throw ctErrors.invalidJson(`${path}: must be {typeId: "customer-group", id}`);
  return { typeId: "customer-group", id: value.id };
};

export class CtCustomerStore {
  private customers: CtCustomer[] = [];

  list(): CtCustomer[] {
    return structuredClone(this.customers);
  }

  load(customers: readonly CtCustomer[] | undefined): void {
    this.customers = structuredClone([...(customers ?? [])]);
  }

  clear(): void {
    this.customers = [];
  }

  query(params: URLSearchParams): PagedQueryResponse<CtCustomer> {
    return runQuery(this.customers, parseQuery(params, CUSTOMER_FIELDS));
  }

  /** Admin: customers `{email, customerGroup?, customerGroupAssignments?}`, all or nothing. */
  seed(input: unknown): CtCustomer[] {
    if (!Array.isArray(input)) throw ctErrors.invalidJson("customers must be an array");
    const now = new Date().toISOString();
    const made = input.map((c, i): CtCustomer => {
      if (!isPlainObject(c) || typeof c.email !== "string") throw ctErrors.invalidJson(`[${i}] -> email: Missing required value`);
      const customer: CtCustomer = { id: uuid(), version: 1, email: c.email, createdAt: now, lastModifiedAt: now };
      if (c.customerGroup !== undefined) customer.customerGroup = groupRef(c.customerGroup, `[${i}] -> customerGroup`);
      if (c.customerGroupAssignments !== undefined) {
        if (!Array.isArray(c.customerGroupAssignments)) throw ctErrors.invalidJson(`[${i}] -> customerGroupAssignments: must be an array`);
        customer.customerGroupAssignments = c.customerGroupAssignments.map((a: unknown, j) => ({
          customerGroup: groupRef(isPlainObject(a) ? a.customerGroup : undefined, `[${i}] -> customerGroupAssignments -> [${j}] -> customerGroup`),
        }));
      }
      return customer;
    });
    this.customers.push(...made);
    return structuredClone(made);
  }
}

// What BigCommerce's answers hold (reference/customers.v2.yml's customerGroup_Full, a list of them, the v3 customers
// listing's pagination), checked before anything is taken from them.

import { check, eachOf, firstProblem, isCount, isRecord, isText, kindOf, Shape, subject } from "../http/shape";

const isGroupId = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
const isOptionalList = (v: unknown) => v === undefined || v === null || Array.isArray(v);

/** A customer group: an id and a name; its rules, when sent, a list. */
export function customerGroupProblem(value: unknown, path = ""): string | undefined {
  if (!isRecord(value)) return `${subject(path)} is ${kindOf(value)}, not a customer group`;
  return firstProblem(
    () => check(value, "id", isGroupId, "a group id", path),
    () => check(value, "name", isText, "a name", path),
    () => check(value, "discount_rules", isOptionalList, "a list of discount rules", path),
  );
}

/** A group; a 207 to a create carries a message instead (the group was made, its discounts not). */
export const customerGroupShape: Shape = (value, status) => (status === 207 ? undefined : customerGroupProblem(value));

/** A page of the listing: a list of at most `limit` groups; 204 (no body) is an empty page. */
export function groupListShape(limit: number): Shape {
  return (value) => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return `the body is ${kindOf(value)}, not a list of customer groups`;
    if (value.length > limit) return `the page holds ${value.length} groups, more than the ${limit} asked for`;
    return eachOf(value, customerGroupProblem, "page");
  };
}

/** The v3 customers listing asked for its count: `meta.pagination.total`. */
export const customerCountShape: Shape = (value) => {
  const pagination = isRecord(value) && isRecord(value.meta) ? value.meta.pagination : undefined;
  if (!isRecord(pagination)) return `the body has no meta.pagination (it is ${kindOf(value)})`;
  return check(pagination, "total", isCount, "a count", "meta.pagination.");
};

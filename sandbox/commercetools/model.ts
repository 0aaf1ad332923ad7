// The commercetools CustomerGroup representation as the API returns it.
import type { CtCustomFields } from "./customFields";
import type { PagedQueryResponse } from "./query";

/** Who made a change: an API client, or a merchant in the Merchant Center (the admin API). */
export interface CtModifiedBy {
  clientId?: string;
  isPlatformClient: boolean;
}

export interface CtCustomerGroup {
  id: string;
  version: number;
  key?: string;
  name: string;
  custom?: CtCustomFields;
  createdAt: string;
  createdBy: CtModifiedBy;
  lastModifiedAt: string;
  lastModifiedBy: CtModifiedBy;
}

export type CtPagedQueryResponse = PagedQueryResponse<CtCustomerGroup>;

/** Out-of-band edit through the admin API, as a merchant would make it. `null` removes key / custom. */
export interface CtGroupPatch {
  name?: string;
  key?: string | null;
  custom?: { type: { id?: string; key?: string }; fields?: Record<string, unknown> } | null;
}

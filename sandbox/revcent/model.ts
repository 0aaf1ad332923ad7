// RevCent customer groups and customers as GetCustomerGroups / GetCustomers return them (see specs/revcent/).

export type RcQualifierMethod = "specific_values" | "customer_group" | "none";

export interface RcCustomerGroup {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  qualifier_method: RcQualifierMethod;
  /** Shape per the seed's `qualifiers` schema; kept as given. */
  qualifiers: Record<string, unknown>;
  created_date_unix: number;
  updated_date_unix: number;
}

/** Seeding input: name is required, the rest defaults (id is generated, times are now). */
export type RcCustomerGroupSeed = Partial<RcCustomerGroup> & { name: string };

export interface RcMetadata {
  name: string;
  value: string;
}

/** The customer fields the sandbox itself reads (filters, defaults). */
export interface RcCustomerFields {
  id: string;
  created_date_unix: number;
  updated_date_unix: number;
  email?: string;
  first_name?: string;
  last_name?: string;
  campaign_id?: string;
  campaign_name?: string;
  enabled?: boolean;
  blocked?: boolean;
  status?: "Enabled" | "Disabled" | "Blocked";
  customer_group?: { id: string; name: string }[];
  metadata?: RcMetadata[];
  products_purchased?: { id: string; name?: string; [field: string]: unknown }[];
  lifetime_value?: Record<string, unknown>;
}

/** A customer: the fields above plus any other property the seed's customer schema allows. */
export type RcCustomer = RcCustomerFields & { [field: string]: unknown };

/** Seeding input: customer_group entries may give only the id; names are filled from the seeded groups. */
export type RcCustomerSeed = Omit<Partial<RcCustomerFields>, "customer_group"> & {
  customer_group?: { id: string; name?: string }[];
  [field: string]: unknown;
};

export interface RcSnapshot {
  groups: RcCustomerGroup[];
  customers: RcCustomer[];
}

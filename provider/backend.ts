// What a backend is to the rest of the code: the descriptor each backend folder exports from its index.ts, with the
// capabilities the commands use. provider/registry.ts lists the descriptors; the commands, the data files, the schema and
// the bench go through them and never import from a backend folder.

import type * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CheckFailure } from "./checkFailure";
import type { Setting, Settings, StackConfig } from "./config";
import type { AdoptionLookup, Described, Explanation } from "./explain";
import type { FieldDrift } from "./fieldDrift";
import type { Role } from "./roles";
import type { Text } from "./text";

export type Props = Record<string, unknown>;

/** How a command reaches a backend's store: the settings as the resources read them, and a named connection. */
export interface Reach {
  /** The stack config (secrets in clear text). */
  stack: StackConfig;
  /** The environment, read after the stack config. */
  env: NodeJS.ProcessEnv;
  /** A named connection; undefined: the default settings. */
  connection?: string;
  /** Options of the backend's client (page size, backoff), for tests. */
  clientOptions?: object;
}

/** Where a group lives beyond its id (a commercetools project, a BigCommerce store): another one is another group. */
export interface ScopeDescription {
  /** What the place is called: "project", "store". */
  noun: "project" | "store";
  /** The setting that names it. */
  setting: Setting;
  /** The state property (an output) that records it. */
  property: string;
}

/** How many customers each group holds (by the vendor's id), or why they could not be counted. */
export type CustomerCounts = { counts: Map<string, number> } | { notCounted: Text };

/** One live group as `export` writes it. */
export interface ExportEntry<Args> {
  /** The key or name its resource name is made from. */
  nameFrom: string;
  /** The vendor's id: orders groups whose resource names come from the same text. */
  id: string | number;
  /** Its arguments, with `adopt: true` where the backend needs it to take the group over as it is. */
  args: Args;
  /** Lines of a comment written above the group: what the reader must know before `pulumi up`. */
  comment?: string[];
}

/**
 * Everything the code outside a backend's folder knows about it. `Args`: the resource's arguments in plain form (as a data
 * file holds them); `Live`: a group as the vendor's API answers it; `Resource`: an instance of the SDK's resource class.
 */
export interface BackendDescriptor<Args extends object = object, Live = unknown, Resource = unknown> {
  /** The stack config namespace (`commercetools:`), the data files' section, `--backend`, the type token's module. */
  readonly name: string;
  /** As merchants write it: "BigCommerce". */
  readonly title: string;
  /** The type the engine reports for its resources (`pulumi-nodejs:dynamic/<name>:CustomerGroup`). */
  readonly resourceType: string;
  /** The settings of a connection, each with its stack config key and environment variable. */
  readonly settingKeys: Settings<string>;
  /** Where a group lives beyond its id; absent where an account has nothing that tells it apart (RevCent). */
  readonly scope?: ScopeDescription;
  /** Whether its API creates groups; where it cannot, every group is adopted. */
  readonly creates: boolean;
  /** Roles a store gives one group at a time (the default group): checked across the program before any request. */
  readonly roles?: readonly Role[];
  /** The smallest request quota the platform publishes for a store, where it has one; the client paces itself by the quota the store reports. */
  readonly requestQuota?: { requests: number; windowMs: number };

  /** The unique field an adoption looks the group up by (`key`, `name`, `groupId`), from checked arguments. */
  identity(args: Props): { field: string; value: string };
  /** Declares a group in a Pulumi program with the SDK's resource class (what `cg.fromConfig` does for each group of a file). */
  declare(name: string, args: Args, opts?: pulumi.CustomResourceOptions): Resource;
  /** JSON Schema of the resource's arguments, without `connection` (the lifecycle's own argument). */
  argumentSchema(): Record<string, unknown>;
  /** Further JSON Schemas the backend validates with, by the name it passes to `schemaFailures` (compiled at build as the argument schema is, under the backend's name). */
  readonly otherSchemas?: Readonly<Record<string, () => object>>;
  /** Every reason the arguments cannot be sent, without `connection`: the rules of the resource's `check`. */
  validate(args: Props): CheckFailure[];
  /**
   * The group in the vendor's wire form, as its create request carries it (where the API cannot create, as the store
   * answers it): what `sandbox --seed` puts into a store. Arguments that only steer the provider (`adopt`) are left out.
   */
  wireSeed(args: Args): object;
  /** The ResourceProvider built from the backend's lifecycle adapter, with client options and an environment (bench, tests). */
  provider(clientOptions?: object, env?: NodeJS.ProcessEnv): dynamic.ResourceProvider;

  /** `export`: the live groups in argument shape. */
  readonly export: {
    /**
     * Every live group (all pages) and where they were read from, as `export` names it (`project 'demo-project'`). For
     * `"export"` a backend may read more than the groups (what the file names by key); a `"listing"` (drift) needs only them.
     */
    read(reach: Reach, purpose: "export" | "listing"): Promise<{ scope: string; live: Live[] }>;
    /** The groups as the file holds them, in the provider's own form; `connection` is written on each. */
    entries(live: Live[], connection: string | undefined): ExportEntry<Args>[];
    /** The file header's line on how these groups come under management. */
    readonly note: string;
  };

  /**
   * How many customers each of these groups holds, read from the store (one request per group at most); a missing
   * permission is a `notCounted` answer, never a failure. Absent where the API cannot count them.
   */
  countCustomers?(reach: Reach, groupIds: readonly string[]): Promise<CustomerCounts>;

  /** `review`: a planned step in a merchant's terms, with the exact requests (the provider's own diff code). */
  readonly review: {
    /**
     * The group in the store's terms, field by field (only the arguments in `fields`, where given): what creates, updates,
     * deletes and fields that stop being managed are worded from. Absent where a backend words its steps itself (RevCent).
     */
    inWords?(group: Props, fields?: readonly string[]): Described[];
    /** A create: the declared fields as new, and the request; absent where the backend cannot create. */
    created?(scope: string | undefined, inputs: Props): Explanation;
    /** An update from the recorded state to the new inputs. */
    updated(id: string, outputs: Props, inputs: Props): Explanation;
    /**
     * A delete: its requests (the reads before it, among them the customer count unless `withCustomers` allows the
     * delete to take them) and what the merchant loses.
     */
    deleted(id: string, outputs: Props, withCustomers: boolean): Explanation;
    /** The first half of a replacement: the old group goes, and why (`why`: the changed properties; `from` and `to`: the scopes). */
    replaced(id: string, outputs: Props, why: Text, from: Text | undefined, to: Text | undefined, withCustomers: boolean): Explanation;
    /** The live group an adoption takes over (reads only) and what adopting it sends, or why `up` will fail. */
    adoption(reach: Reach, inputs: Props): Promise<AdoptionLookup>;
  };

  /** `drift`: one group's live arguments against the declared ones, field by field. */
  describeDrift(live: Props, declared: Props): FieldDrift[];

  /** Sample groups for the bench: the same groups in the provider's and the engine's figures. */
  readonly sample: {
    /** Group i as first declared, or after an edit of every group (the same where the API cannot write). */
    args(i: number, changed: boolean): Args;
    /** Group i in the vendor's wire form, to seed a store whose API cannot create groups; absent where the provider creates them. */
    seed?(i: number): unknown;
  };
}

// One generic Pulumi dynamic ResourceProvider built from a backend's adapter: validation, unknowns and results live here once.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { StackConfig } from "./config";
import { InputError } from "./http/errors";
import { containsUnknown, isUnknown } from "./unknowns";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface PropertyDiff {
  /** Top-level properties whose desired value differs from the current one. */
  changed: string[];
  /** The subset that can only be applied by deleting and creating the group again. */
  replace: string[];
}

/** What a backend implements; the lifecycle turns it into Pulumi's ResourceProvider. */
export interface Adapter<Inputs, State> {
  /** Every reason the raw inputs cannot be sent (schema and the rules a schema cannot state). Failures about unknown values are ignored. */
  validate(news: Record<string, unknown>): CheckFailure[];
  /** The canonical form of valid inputs, so that equal intent compares equal. */
  normalize(news: Record<string, unknown>): Inputs;
  /** Compares the recorded state with the desired inputs. */
  diff(olds: State, news: Inputs): PropertyDiff;
  create(inputs: Inputs): Promise<{ id: string; outs: State }>;
  /** The live group in state shape and in input shape; undefined when it is gone. */
  read(id: string, olds: State): Promise<{ outs: State; inputs: Inputs } | undefined>;
  update(id: string, olds: State, news: Inputs): Promise<State>;
  delete(id: string, olds: State): Promise<void>;
}

type Props = Record<string, unknown>;

/** Builds a ResourceProvider; the adapter is made on first use, after `configure` has passed in the stack config. */
export function resourceProvider<I extends object, S extends object>(makeAdapter: (stack: StackConfig) => Adapter<I, S>): dynamic.ResourceProvider {
  let stack: StackConfig = () => undefined;
  let adapter: Adapter<I, S> | undefined;
  const current = () => (adapter ??= makeAdapter(stack));

  return {
    async configure(req: dynamic.ConfigureRequest) {
      stack = (key) => {
        const value: unknown = req.config.get(key);
        return typeof value === "string" && value !== "" ? value : undefined;
      };
      adapter = undefined;
    },

    async check(_olds: Props, withProvider: Props): Promise<dynamic.CheckResult> {
      // The engine adds the serialized provider to every input bag; it is not the user's argument.
      const { __provider: _, ...news } = withProvider;
      const unknownPaths = pathsOfUnknowns(news, "");
      // A value not known yet (during preview) is judged when it is known; only failures about known values count now.
      const failures = current()
        .validate(news)
        .filter((f) => !unknownPaths.some((p) => f.property === p || f.property.startsWith(`${p}.`) || f.property.startsWith(`${p}[`)));
      if (failures.length > 0) return { inputs: news, failures };
      // Inputs still unknown (during preview) are passed through untouched; the rest are normalized.
      return { inputs: containsUnknown(news) ? news : (current().normalize(news) as Props) };
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      if (containsUnknown(news)) {
        const changed = Object.keys(news).filter((k) => containsUnknown(news[k]));
        return { changes: true, stables: Object.keys(olds).filter((k) => !changed.includes(k)) };
      }
      const { changed, replace } = current().diff(olds as S, news as I);
      return { changes: changed.length > 0, replaces: replace, deleteBeforeReplace: true };
    },

    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const { id, outs } = await current().create(inputs as I);
      return { id, outs };
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const live = await current().read(id, props as S);
      // An empty id tells the engine the group is gone.
      if (!live) return { id: "", props: {} };
      return { id, props: live.outs as Props, inputs: live.inputs as Props };
    },

    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      return { outs: await current().update(id, olds as S, news as I) };
    },

    async delete(id: string, props: Props): Promise<void> {
      await current().delete(id, props as S);
    },
  };
}

/** Property paths (`custom.type`, `rules[2].amount`) of the values that are unknown. */
function pathsOfUnknowns(value: unknown, path: string): string[] {
  if (isUnknown(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOfUnknowns(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => pathsOfUnknowns(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Throws an InputError listing the failures, for code paths that validate outside `check` (functions, adoption). */
export function assertValid(what: string, failures: CheckFailure[]): void {
  if (failures.length > 0) {
    throw new InputError(`invalid ${what}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

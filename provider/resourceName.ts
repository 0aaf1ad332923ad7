// The input the SDK's resource classes add to every group: the resource's name in the stack, so that the provider's
// messages about two resources of one run can name both (a dynamic provider is never told a resource's URN). It is not an
// argument: it is left out of validation, of what the backends see and of the recorded outputs.

type Props = Record<string, unknown>;

export const resourceNameInput = "__resourceName";

/**
 * The input `check` adds when a run renames or re-keys a group: the name and key of its last inputs. Not an argument
 * either (a value a program gives is replaced): the policy pack reads it, so that protection follows a group through a
 * rename, and a decoy cannot take its name. Not `__`-prefixed: the engine hides such keys from policy packs.
 */
export const previousIdentityInput = "renamedFrom";

/** The arguments without what the engine, the SDK and `check` add (`__provider`, `__resourceName`, `renamedFrom`). */
export function argumentsOf(props: Props): Props {
  const { __provider: _p, [resourceNameInput]: _n, [previousIdentityInput]: _w, ...rest } = props;
  return rest;
}

/** The name and key a resource had in its last inputs (`olds`), when the new arguments change either; undefined otherwise. */
export function previousIdentity(olds: Props, news: Props): { name?: unknown; key?: unknown } | undefined {
  const was = argumentsOf(olds);
  if (was.name === undefined && was.key === undefined) return undefined;
  const changed = (field: "name" | "key") => was[field] !== undefined && was[field] !== null && was[field] !== news[field];
  if (!changed("name") && !changed("key")) return undefined;
  return { ...(was.name !== undefined ? { name: was.name } : {}), ...(was.key !== undefined && was.key !== null ? { key: was.key } : {}) };
}

/** The resource's name in the stack, when the SDK that declared it sent it. */
export function resourceNameOf(props: Props): string | undefined {
  const name = props[resourceNameInput];
  return typeof name === "string" ? name : undefined;
}

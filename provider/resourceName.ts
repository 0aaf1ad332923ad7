// The input the SDK's resource classes add to every group: the resource's name in the stack, so that the provider's
// messages about two resources of one run can name both (a dynamic provider is never told a resource's URN). It is not an
// argument: it is left out of validation, of what the backends see and of the recorded outputs.

type Props = Record<string, unknown>;

export const resourceNameInput = "__resourceName";

/** The arguments without what the engine and the SDK add (`__provider`, `__resourceName`). */
export function argumentsOf(props: Props): Props {
  const { __provider: _p, [resourceNameInput]: _n, ...rest } = props;
  return rest;
}

/** The resource's name in the stack, when the SDK that declared it sent it. */
export function resourceNameOf(props: Props): string | undefined {
  const name = props[resourceNameInput];
  return typeof name === "string" ? name : undefined;
}

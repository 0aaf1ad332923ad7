// Test helper: the check-then-create steps tests repeat, failing the test (chai) on any check failure.

import { expect } from "chai";
import type { Props, Provider } from "./provider";

/** `check` as the engine calls it (with the serialized provider among the inputs); fails the test on any failure. */
export async function checkedInputs(provider: Provider, news: Props): Promise<Props> {
  const result = await provider.check({}, { ...news, __provider: "stub" });
  expect(result.failures ?? []).to.deep.equal([]);
  const { __provider: _, ...inputs } = result.inputs as Props;
  return inputs;
}

/** check, then create. */
export async function createdGroup(provider: Provider, news: Props): Promise<{ id: string; outs: Props; inputs: Props }> {
  const inputs = await checkedInputs(provider, news);
  const { id, outs } = await provider.create(inputs);
  return { id, outs: outs as Props, inputs };
}

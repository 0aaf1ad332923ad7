// Test helper: a backend's ResourceProvider configured as the engine would, and the check-then-create steps tests repeat.

import { expect } from "chai";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { StackConfig } from "../../provider/config";
import { Backend, CommonInputs, resourceProvider } from "../../provider/lifecycle";

export type Props = Record<string, unknown>;
export type Provider = Required<dynamic.ResourceProvider>;

/** The error a promise rejects with, or undefined when it resolves. */
export const failure = (p: Promise<unknown>): Promise<Error | undefined> => p.then(() => undefined, (e: Error) => e);

/** A provider configured with this stack config, as the engine's `configure` call does. */
export function configuredProvider<I extends CommonInputs, S extends object, O, L, C>(
  makeBackend: (stack: StackConfig) => Backend<I, S, O, L, C>,
  config: Record<string, string>,
): Provider {
  const provider = resourceProvider(makeBackend) as Provider;
  void provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } } as unknown as dynamic.ConfigureRequest);
  return provider;
}

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

/** Runs `fn` and returns what it wrote as warnings (the provider's stderr lines starting with "warning: "). */
export async function warningsOf<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith("warning: ")) {
      warnings.push(text.slice("warning: ".length).trimEnd());
      return true;
    }
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    return { result: await fn(), warnings };
  } finally {
    process.stderr.write = write;
  }
}

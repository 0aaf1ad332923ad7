// Test helper without chai (bench/ uses it too): a backend's ResourceProvider configured as the engine would, and warning capture.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { StackConfig } from "../../provider/config";
import { LifecycleAdapter, CommonInputs, resourceProvider } from "../../provider/lifecycle";

export type Props = Record<string, unknown>;
export type Provider = Required<dynamic.ResourceProvider>;

/** The error a promise rejects with, or undefined when it resolves. */
export const failure = (p: Promise<unknown>): Promise<Error | undefined> =>
  p.then(
    () => undefined,
    (e: Error) => e,
  );

/** A provider configured with this stack config, as the engine's `configure` call does; resolves once `configure` has finished. */
export async function configuredProvider<I extends CommonInputs, S extends object, O, L, C>(
  makeBackend: (stack: StackConfig) => LifecycleAdapter<I, S, O, L, C>,
  config: Record<string, string>,
): Promise<Provider> {
  return configure(resourceProvider(makeBackend), config);
}

/** The provider after the engine's `configure` call with this stack config. */
export async function configure(provider: dynamic.ResourceProvider, config: Record<string, string>): Promise<Provider> {
  await provider.configure!({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } } as unknown as dynamic.ConfigureRequest);
  return provider as Provider;
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

// The bench's sandbox, for any backend of the registry: settings without the quota a run is not about, and seeding the
// groups of a backend whose API cannot create them.

import { backends, type BackendName } from "../provider/registry";
import type { BackendDescriptor } from "../provider/backend";
import type { Sandbox, SandboxOptions } from "../sandbox";

/** Sandbox options in which no backend's request quota is ever reached: the figures are the provider's and the engine's. */
export function withoutQuotas(quota = 1_000_000): SandboxOptions {
  return Object.fromEntries(backends.filter((b) => b.requestQuota).map((b) => [b.name, { rateLimit: { quota } }])) as SandboxOptions;
}

/** The admin API of one vendor of the sandbox, as the bench uses it. */
export interface VendorAdmin {
  groups(): Promise<unknown[]>;
  seedGroups(seed: never): Promise<unknown>;
  setRateLimit?(options: { quota: number }): Promise<unknown>;
}

export function vendorAdmin(sandbox: Sandbox, backend: BackendName | string): VendorAdmin {
  return (sandbox as unknown as Record<string, VendorAdmin>)[backend]!;
}

/** Seeds groups 0..n-1 where the backend's API cannot create them (they are then adopted); nothing elsewhere. */
export async function seedSamples(sandbox: Sandbox, backend: BackendDescriptor, n: number): Promise<void> {
  const seed = backend.sample.seed;
  if (seed) await vendorAdmin(sandbox, backend.name).seedGroups(Array.from({ length: n }, (_, i) => seed(i)) as never);
}

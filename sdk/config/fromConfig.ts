// cg.fromConfig: declares every customer group of a config-repo file (or directory of files) as this package's resources.

import * as pulumi from "@pulumi/pulumi";
import { BackendName, backendNames, registry, ResourceOf } from "../../provider/registry";
import { ConfigFileError, LoadedGroups, loadGroups } from "./load";

/** The resources `fromConfig` declared, by backend and by the name each has in the file (and in the stack). */
export type ConfigGroups = { [B in BackendName]: Record<string, ResourceOf<B>> };

/** cg.fromConfig (documented in sdk/index.ts, which loads this module on the first call). */
export function fromConfig(source: string, opts?: pulumi.CustomResourceOptions): ConfigGroups {
  let loaded: LoadedGroups;
  try {
    loaded = loadGroups(source);
  } catch (e) {
    // The list of problems is the whole message: a RunError makes Pulumi show it without a stack trace.
    if (e instanceof ConfigFileError) throw new pulumi.RunError(e.message);
    throw e;
  }
  // A group's `previousName` is a Pulumi alias: the engine moves the group to its new name with no request. Its
  // `protect` (or its file's) is Pulumi's protect option: the engine refuses to delete the group.
  const optionsOf = (backend: BackendName, name: string): pulumi.CustomResourceOptions | undefined => {
    const previous = loaded.previousNames[backend][name];
    const protect = loaded.protect[backend][name];
    const aliased = previous === undefined ? opts : { ...opts, aliases: [...(opts?.aliases ?? []), { name: previous }] };
    return protect === undefined ? aliased : { ...aliased, protect };
  };
  const declared = (backend: BackendName) =>
    Object.fromEntries(
      Object.entries(loaded.groups[backend]).map(([name, args]) => [name, registry[backend].declare(name, args as never, optionsOf(backend, name))]),
    );
  return Object.fromEntries(backendNames.map((b) => [b, declared(b)])) as ConfigGroups;
}

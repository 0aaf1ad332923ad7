// cg.fromConfig: declares every customer group of a config-repo file (or directory of files) as this package's resources.

import * as pulumi from "@pulumi/pulumi";
import { BackendName, backendNames, registry, ResourceOf } from "../../provider/registry";
import { ConfigFileError, LoadedGroups, loadGroups } from "./load";

/** The resources `fromConfig` declared, by backend and by the name each has in the file (and in the stack). */
export type ConfigGroups = { [B in BackendName]: Record<string, ResourceOf<B>> };

/**
 * Declares the groups of a YAML or JSON file, or of every such file below a directory (relative paths are relative to the
 * Pulumi project). Every file is checked first, each group exactly as its resource checks its arguments: when anything is
 * wrong, nothing is declared and the error lists every problem as `file:line:col path: reason`.
 * A group's `previousName` (the name it had before a rename) becomes an alias, so that the group moves with no request.
 * `opts` apply to every resource (a provider-independent option such as `protect`, `parent` or `dependsOn`).
 */
export function fromConfig(source: string, opts?: pulumi.CustomResourceOptions): ConfigGroups {
  let loaded: LoadedGroups;
  try {
    loaded = loadGroups(source);
  } catch (e) {
    // The list of problems is the whole message: a RunError makes Pulumi show it without a stack trace.
    if (e instanceof ConfigFileError) throw new pulumi.RunError(e.message);
    throw e;
  }
  // A group's `previousName` is a Pulumi alias: the engine moves the group to its new name with no request.
  const optionsOf = (backend: BackendName, name: string): pulumi.CustomResourceOptions | undefined => {
    const previous = loaded.previousNames[backend][name];
    return previous === undefined ? opts : { ...opts, aliases: [...(opts?.aliases ?? []), { name: previous }] };
  };
  const declared = (backend: BackendName) =>
    Object.fromEntries(
      Object.entries(loaded.groups[backend]).map(([name, args]) => [name, registry[backend].declare(name, args as never, optionsOf(backend, name))]),
    );
  return Object.fromEntries(backendNames.map((b) => [b, declared(b)])) as ConfigGroups;
}

// cg.fromConfig: declares every customer group of a config-repo file (or directory of files) as this package's resources.

import * as pulumi from "@pulumi/pulumi";
import * as bigcommerce from "../bigcommerce";
import * as commercetools from "../commercetools";
import * as revcent from "../revcent";
import { ConfigFileError, LoadedGroups, loadGroups } from "./load";

/** The resources `fromConfig` declared, by backend and by the name each has in the file (and in the stack). */
export interface ConfigGroups {
  commercetools: Record<string, commercetools.CustomerGroup>;
  bigcommerce: Record<string, bigcommerce.CustomerGroup>;
  revcent: Record<string, revcent.CustomerGroup>;
}

/**
 * Declares the groups of a YAML or JSON file, or of every such file below a directory (relative paths are relative to the
 * Pulumi project). Every file is checked first, each group exactly as its resource checks its arguments: when anything is
 * wrong, nothing is declared and the error lists every problem as `file:line:col path: reason`.
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
  const { groups } = loaded;
  const declare = <A, R>(entries: Record<string, A>, make: (name: string, args: A) => R): Record<string, R> =>
    Object.fromEntries(Object.entries(entries).map(([name, args]) => [name, make(name, args)]));
  return {
    commercetools: declare(groups.commercetools, (name, args) => new commercetools.CustomerGroup(name, args, opts)),
    bigcommerce: declare(groups.bigcommerce, (name, args) => new bigcommerce.CustomerGroup(name, args, opts)),
    revcent: declare(groups.revcent, (name, args) => new revcent.CustomerGroup(name, args, opts)),
  };
}

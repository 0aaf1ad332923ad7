// What cg.revcent.getCustomerGroups and getCustomerGroupMembers do, in the calling process (no engine round trip).

import { StackConfig } from "../config";
import { ConfigError } from "../errors";
import { assertValid } from "../lifecycle";
import { ClientOptions, RevCentClient } from "./client";
import { collectMembers, MembersArgs, validateMembersArgs } from "./members";
import { groupInfo } from "./wire";
import { revcentSettings } from "./settings";
import type { CustomerGroupInfo, Members } from "./types";

/** Where a function's settings come from: explicit arguments, then the stack config given, then the environment. */
export interface FunctionSettings {
  apiKey?: string;
  apiUrl?: string;
  stack?: StackConfig;
  env?: NodeJS.ProcessEnv;
  options?: ClientOptions;
}

function client(settings: FunctionSettings): RevCentClient {
  const stack: StackConfig = (key) =>
    (key === "revcent:apiKey" ? settings.apiKey : key === "revcent:apiUrl" ? settings.apiUrl : undefined) ?? settings.stack?.(key);
  try {
    return new RevCentClient(revcentSettings(stack, settings.env ?? process.env), settings.options);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`${e.message}; a function can also be given apiKey and apiUrl`);
    throw e;
  }
}

/** Every customer group of the account, all pages, in camelCase. */
export async function customerGroups(settings: FunctionSettings = {}): Promise<CustomerGroupInfo[]> {
  const { groups } = await client(settings).listGroups();
  return groups.map(groupInfo);
}

/** The distinct customers of a group created in [dateStart, dateEnd]; the arguments are checked before any request. */
export async function customerGroupMembers(args: MembersArgs, settings: FunctionSettings = {}): Promise<Members> {
  assertValid("getCustomerGroupMembers arguments", validateMembersArgs(args as unknown as Record<string, unknown>));
  const api = client(settings);
  return collectMembers((query, page) => api.customers(query, page), args);
}

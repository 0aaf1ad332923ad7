// What cg.revcent.getCustomerGroups and getCustomerGroupMembers do, in the calling process (no engine round trip).

import type { StackConfig } from "../config";
import { connectionNameProblem } from "../config";
import { ConfigError, InputError } from "../errors";
import { assertValid } from "../arguments";
import { ClientOptions, RevCentClient } from "./client";
import { collectMembers, MembersArgs, validateMembersArgs } from "./members";
import { groupInfo } from "./wire";
import { revcentSettings } from "./settings";
import type { CustomerGroupInfo, Members } from "./types";

/** Where a function's settings come from: explicit arguments, then the stack config given, then the environment. */
export interface FunctionSettings {
  apiKey?: string;
  apiUrl?: string;
  /** A named connection (`revcent:connections.<name>`, REVCENT_API_KEY_<NAME>); absent: the default settings. */
  connection?: string;
  stack?: StackConfig;
  env?: NodeJS.ProcessEnv;
  options?: ClientOptions;
}

function client(settings: FunctionSettings): RevCentClient {
  const { connection } = settings;
  const invalid = connection === undefined ? undefined : connectionNameProblem(connection);
  if (invalid !== undefined) throw new InputError(`connection: '${connection}' ${invalid}`);
  const explicit = { apiKey: settings.apiKey, apiUrl: settings.apiUrl };
  // Explicit arguments win over the stack config, for the default settings and for a named connection alike.
  const stack: StackConfig = (key) => {
    const configured = settings.stack?.(key);
    if (connection === undefined) return (key === "revcent:apiKey" ? explicit.apiKey : key === "revcent:apiUrl" ? explicit.apiUrl : undefined) ?? configured;
    if (key !== "revcent:connections" || (explicit.apiKey === undefined && explicit.apiUrl === undefined)) return configured;
    const all = configured === undefined ? {} : (JSON.parse(configured) as Record<string, Record<string, unknown>>);
    const given = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined));
    return JSON.stringify({ ...all, [connection]: { ...all[connection], ...given } });
  };
  try {
    return new RevCentClient(revcentSettings(stack, settings.env ?? process.env, connection), settings.options);
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

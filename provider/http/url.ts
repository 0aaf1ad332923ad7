// Endpoint checks: credentials travel over TLS, except to a server on this machine (tests, the sandbox).

import { ConfigError } from "../errors";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Parses a base URL from configuration and refuses plain http to anything but loopback. Returns it without a trailing slash. */
export function checkBaseUrl(setting: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${setting} is not a valid URL: '${value}'`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `${setting} uses plain http to ${url.hostname}; credentials are only sent over https (plain http is allowed to 127.0.0.1 and localhost only)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${setting} must be an http(s) URL, got '${value}'`);
  }
  return value.replace(/\/+$/, "");
}

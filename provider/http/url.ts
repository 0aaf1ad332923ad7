// Endpoint settings: credentials travel over TLS, except to a server on this machine (tests, the sandbox); how long an
// answer may take.

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

/** `timeoutSeconds` unless a connection sets it. */
export const defaultTimeoutSeconds = "30";

/** The most seconds `timeoutSeconds` may give one request: longer is a hang, not a slow answer. */
export const maxTimeoutSeconds = 600;

/** Parses `timeoutSeconds`, the deadline of one request from sending to the answer's last byte, into milliseconds. */
export function checkTimeout(setting: string, value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds >= 1 && seconds <= maxTimeoutSeconds)) {
    throw new ConfigError(`${setting} must be a number of seconds from 1 to ${maxTimeoutSeconds}, got '${value}'`);
  }
  return Math.round(seconds * 1000);
}

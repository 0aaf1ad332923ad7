// Keeps secrets out of every message the provider can produce (errors, warnings, logs).

const registered = new Set<string>();

/** Registers a value (token, client secret, API key) that must never appear in a message. */
export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; real credentials are never that short.
  if (value && value.length >= 6) registered.add(value);
}

/** Replaces every registered secret, and anything that looks like a bearer token or basic credential, with "***". */
export function redact(text: string): string {
  let out = text;
  for (const secret of registered) out = out.split(secret).join("***");
  return out
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 ***")
    .replace(/((?:access_token|client_secret|refresh_token)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, "$1***");
}

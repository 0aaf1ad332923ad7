// Warnings from the provider process to the person running Pulumi (secrets redacted).

import { redact } from "./http/redact";

/** Tells the user about something that did not fail but should be looked at. */
export function warn(message: string): void {
  process.stderr.write(`warning: ${redact(message)}\n`);
}

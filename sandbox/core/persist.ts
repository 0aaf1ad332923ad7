// Reading and writing the --persist JSON file; writes go to a temporary file first so a crash never leaves half a file.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

export function readJsonFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`persist file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

export function writeJsonFile(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  // Owner only: the file holds the sandbox's credentials and live tokens.
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

// Reading and writing the --persist JSON file; writes go to a temporary file first so a crash never leaves half a file.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

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
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n");
  renameSync(tmp, file);
}

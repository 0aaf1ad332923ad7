// Reads config-repo files (one YAML or JSON file, or a directory of them) into groups per backend, validating every group
// exactly as its resource's `check` does, and reporting every problem of every file at once with file, line and column.

import fs from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLMap } from "yaml";
import { argumentFailures } from "../../provider/arguments";
import { isPlainObject } from "../../provider/canonical";
import { backendNames, isBackendName, registry } from "../../provider/registry";
import { roleConflict } from "../../provider/roles";
import { ConfigFileError } from "./configFileError";
import { BackendName, GroupArgs, GroupsFile, resourceNamePattern } from "./format";

export { ConfigFileError };

/** Where a group was declared, for messages. */
interface Origin {
  file: string;
  line: number;
  col: number;
}

export interface LoadedGroups {
  groups: { [B in BackendName]: Record<string, GroupArgs[B]> };
  /** Where each group was declared, by backend and resource name. */
  origins: { [B in BackendName]: Record<string, Origin> };
  /** The name a group had in the stack before it was renamed (`previousName`), by backend and resource name. */
  previousNames: { [B in BackendName]: Record<string, string> };
  /** The groups declared with `protect` (their own, else their file's), by backend and resource name: Pulumi's `protect` option. */
  protect: { [B in BackendName]: Record<string, boolean> };
}

/** An entry of a group that is not an argument of its resource: the resource name it had before a rename. */
export const previousNameEntry = "previousName";

/**
 * An entry of a group, or of a whole file, that is not an argument either: Pulumi's `protect` option, so that no run
 * (`pulumi destroy` included) deletes the group until the file says otherwise.
 */
export const protectEntry = "protect";

const extensions = new Set([".yaml", ".yml", ".json"]);

/** The largest data file read: 60,000 groups take some 5 MB. */
export const maxFileBytes = 32 * 1024 * 1024;

/** Names that are properties of every JavaScript object: refused as resource and backend names. */
const reservedNames = new Set(["constructor", "__proto__", "prototype", "hasOwnProperty", "toString", "valueOf"]);

/** YAML aliases a file may expand (`*anchor`): more is refused, as an alias bomb would fill memory. */
const maxAliasCount = 100;

/** The files a path names: itself, or every YAML and JSON file below a directory, in a stable order. */
function filesOf(source: string): string[] {
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) throw new ConfigFileError(source, [`${source}: no such file or directory`]);
  if (!stat.isDirectory()) return [source];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (extensions.has(path.extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  walk(source);
  return files;
}

/** Reads and checks a file or a directory of files; throws a ConfigFileError listing every problem, or returns every group. */
export function loadGroups(source: string): LoadedGroups {
  const loader = new Loader();
  const problems = filesOf(source).flatMap((file) => loader.check(file));
  problems.push(...loader.previousNamesStillDeclared());
  if (problems.length > 0) throw new ConfigFileError(source, problems);
  return loader.loaded;
}

const resourceName = new RegExp(resourceNamePattern);

/** Checks files one after the other, keeping what they declare so that later files are checked against earlier ones. */
class Loader {
  readonly loaded: LoadedGroups = {
    groups: Object.fromEntries(backendNames.map((b) => [b, {}])) as LoadedGroups["groups"],
    origins: Object.fromEntries(backendNames.map((b) => [b, {}])) as LoadedGroups["origins"],
    previousNames: Object.fromEntries(backendNames.map((b) => [b, {}])) as LoadedGroups["previousNames"],
    protect: Object.fromEntries(backendNames.map((b) => [b, {}])) as LoadedGroups["protect"],
  };
  /** Where each `previousName` was written, to report one that names a group the files still declare. */
  private readonly previousAt: { backend: BackendName; name: string; at: string }[] = [];
  /** Roles a store gives one group (`isDefault`), by `${backend}|${connection}|${field}` -> the group that claims it. */
  private readonly roles = new Map<string, { resource: string; origin: Origin }>();
  /** Group names already declared where they must be unique: `${backend}|${connection}|${name}` -> where. */
  private readonly names = new Map<string, { resource: string; origin: Origin }>();

  /** A `previousName` that names a group the files still declare: the two would fight over one group. */
  previousNamesStillDeclared(): string[] {
    return this.previousAt
      .filter(({ backend, name }) => this.loaded.groups[backend][this.loaded.previousNames[backend][name] ?? ""] !== undefined)
      .map(({ backend, name, at }) => {
        const previous = this.loaded.previousNames[backend][name]!;
        const still = this.loaded.origins[backend][previous]!;
        return (
          `${at} ${backend}.${name}.${previousNameEntry}: '${previous}' is still declared (${still.file}:${still.line}:${still.col}); ` +
          `a previous name is one the files no longer declare (remove ${backend}.${previous}, or leave previousName out)`
        );
      });
  }

  /** The problems of one file, in the order a person reads it; the groups it declares correctly are kept. */
  check(file: string): string[] {
    const { loaded, names } = this;
    const lines = new LineCounter();
    const found: { offset: number; text: string }[] = [];
    const problem = (line: number, col: number, reason: string) => [`${file}:${line}:${col} ${reason}`];
    const size = fs.statSync(file).size;
    if (size > maxFileBytes)
      return problem(1, 1, `the file is ${size} bytes, more than the ${maxFileBytes} a data file may hold; split it into a directory of files`);
    const bytes = fs.readFileSync(file);
    const invalid = invalidUtf8At(bytes);
    if (invalid !== undefined) {
      const before = bytes.subarray(0, invalid).toString("utf8");
      const line = before.split("\n").length;
      const col = before.length - before.lastIndexOf("\n");
      return problem(line, col, `is not UTF-8 text: byte 0x${bytes[invalid]!.toString(16).padStart(2, "0")} at offset ${invalid} (save the file as UTF-8)`);
    }
    // Duplicate keys are found below in one pass; the parser's own check compares each key with every other (quadratic).
    const doc = parseDocument(bytes.toString("utf8"), { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    const at = (offset: number): Origin => ({ file, ...lines.linePos(offset) });
    const report = (offset: number, where: string, reason: string) => {
      const { line, col } = at(offset);
      found.push({ offset, text: `${file}:${line}:${col} ${where}${where ? ": " : ""}${reason}` });
    };
    // Syntax errors and duplicate keys: the document cannot be trusted past them.
    if (doc.errors.length > 0) {
      for (const error of doc.errors) report(error.pos[0], "", yamlReason(error.code, error.message));
      return found.map((p) => p.text);
    }
    for (const offset of duplicateKeys(doc)) report(offset, "", yamlReason("DUPLICATE_KEY", ""));
    if (found.length > 0) return found.map((p) => p.text);
    let data: Record<string, Record<string, unknown> | null>;
    try {
      data = doc.toJS({ maxAliasCount }) as Record<string, Record<string, unknown> | null>;
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
      report(firstAlias(doc), "", `YAML aliases (*name) expand to more than ${maxAliasCount} copies of their anchors; write the values out`);
      return found.map((p) => p.text);
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return []; // an empty file declares nothing
    if (!isMap(root)) {
      report(root.range?.[0] ?? 0, "", `must be a mapping of backends (${backendNames.join(", ")}) to groups`);
      return found.map((p) => p.text);
    }
    // `protect: true` at the top protects every group of the file (a group's own `protect` wins).
    const fileProtect = (data as Record<string, unknown>)[protectEntry];
    if (fileProtect !== undefined && typeof fileProtect !== "boolean") {
      report(offsetIn(root, [protectEntry], 0), protectEntry, "must be true or false (Pulumi's protect option for every group of this file)");
    }
    for (const pair of root.items) {
      const backend = keyOf(pair.key);
      const keyOffset = offsetOf(pair.key);
      if (backend === protectEntry) continue;
      if (!isBackendName(backend) || reservedNames.has(backend)) {
        report(keyOffset, backend, `is not a backend (one of ${backendNames.join(", ")})`);
        continue;
      }
      const b: BackendName = backend;
      // Names are unique where groups live (a project, a store): two entries with one name would fight over one group.
      const scope = registry[b].scope;
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue; // `bigcommerce:` with nothing under it
      if (!isMap(pair.value)) {
        report(offsetOf(pair.value) ?? keyOffset, b, "must be a mapping of resource names to groups");
        continue;
      }
      for (const group of (pair.value as YAMLMap).items) {
        const name = keyOf(group.key);
        const where = `${b}.${name}`;
        const origin = at(offsetOf(group.key));
        if (!resourceName.test(name)) {
          report(offsetOf(group.key), where, "is not a resource name: a letter or digit, then letters, digits, '_', '.' or '-' (at most 100)");
          continue;
        }
        if (reservedNames.has(name)) {
          report(offsetOf(group.key), where, `is a name every JavaScript object already has (${[...reservedNames].join(", ")}); choose another`);
          continue;
        }
        const earlier = Object.hasOwn(loaded.origins[b], name) ? loaded.origins[b][name] : undefined;
        if (earlier) {
          report(offsetOf(group.key), where, `is declared twice: also at ${earlier.file}:${earlier.line}:${earlier.col}`);
          continue;
        }
        const entry = data[backend]?.[name];
        if (!isPlainObject(entry)) {
          report(offsetOf(group.value) ?? offsetOf(group.key), where, "must be a mapping of the resource's arguments");
          continue;
        }
        const { [previousNameEntry]: previousName, [protectEntry]: protect, ...value } = entry;
        if (protect !== undefined && typeof protect !== "boolean") {
          report(
            offsetIn(group.value, [protectEntry], offsetOf(group.key)),
            `${where}.${protectEntry}`,
            "must be true or false (Pulumi's protect option: no run deletes the group)",
          );
          continue;
        }
        if (previousName !== undefined) {
          const offset = offsetIn(group.value, [previousNameEntry], offsetOf(group.key));
          if (typeof previousName !== "string" || !resourceName.test(previousName) || reservedNames.has(previousName)) {
            report(
              offset,
              `${where}.${previousNameEntry}`,
              "must be the resource name the group had before (a letter or digit, then letters, digits, '_', '.' or '-')",
            );
            continue;
          }
          if (previousName === name) {
            report(offset, `${where}.${previousNameEntry}`, "is the group's own name; give the name it had before the rename, or leave previousName out");
            continue;
          }
          const { line, col } = at(offset);
          this.previousAt.push({ backend: b, name, at: `${file}:${line}:${col}` });
        }
        const failures = argumentFailures(registry[b].validate, value);
        for (const failure of failures) {
          report(offsetIn(group.value, pathOf(failure.property), offsetOf(group.key)), `${where}.${failure.property}`, failure.reason);
        }
        if (failures.length > 0) continue;
        if (scope && typeof value.name === "string") {
          const unique = `${b}|${typeof value.connection === "string" ? value.connection : ""}|${value.name}`;
          const other = names.get(unique);
          if (other) {
            report(
              offsetIn(group.value, ["name"], offsetOf(group.key)),
              `${where}.name`,
              `'${value.name}' is also the name of ${b}.${other.resource} (${other.origin.file}:${other.origin.line}:${other.origin.col}); ` +
                `group names are unique in a ${scope.noun}, so the two would fight over one group`,
            );
            continue;
          }
          names.set(unique, { resource: name, origin });
        }
        let claimed = false;
        for (const role of registry[b].roles ?? []) {
          if (value[role.field] !== true) continue;
          const connection = typeof value.connection === "string" ? value.connection : undefined;
          const key = `${b}|${connection ?? ""}|${role.field}`;
          const other = this.roles.get(key);
          if (other) {
            const first = `${b}.${other.resource} (${other.origin.file}:${other.origin.line}:${other.origin.col})`;
            report(offsetIn(group.value, [role.field], offsetOf(group.key)), `${where}.${role.field}`, roleConflict(role, first, where, connection));
            claimed = true;
          } else this.roles.set(key, { resource: name, origin });
        }
        if (claimed) continue;
        (loaded.groups[b] as Record<string, unknown>)[name] = value;
        loaded.origins[b][name] = origin;
        if (typeof previousName === "string") loaded.previousNames[b][name] = previousName;
        const protectedHere = typeof protect === "boolean" ? protect : typeof fileProtect === "boolean" ? fileProtect : undefined;
        if (protectedHere !== undefined) loaded.protect[b][name] = protectedHere;
      }
    }
    return found.sort((a, b) => a.offset - b.offset).map((p) => p.text);
  }
}

/** The groups of a file or directory, as plain data (what `export` writes and `fromConfig` declares). */
export function readGroupsFile(source: string): GroupsFile {
  return loadGroups(source).groups;
}

function yamlReason(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "the same key appears twice in one mapping (YAML keeps neither safely)";
  // The parser's message without its own position suffix.
  return `YAML syntax: ${message.replace(/ at line \d+, column \d+.*$/s, "")}`;
}

function keyOf(node: unknown): string {
  return isScalar(node) ? String(node.value) : String(node);
}

function offsetOf(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

/** `discountRules[1].productId` -> ["discountRules", 1, "productId"]. */
function pathOf(property: string): (string | number)[] {
  if (property === "(inputs)") return [];
  const parts: (string | number)[] = [];
  for (const match of property.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return parts;
}

/**
 * The offset of the deepest node on the path from `node` that exists: the key of a mapping entry (so an unknown argument
 * points at its name), an item of a sequence, or, for an argument that is missing, the mapping that should hold it
 * (`start` when the path's first step is missing). It walks one group's node, never the whole file.
 */
function offsetIn(node: unknown, path: (string | number)[], start: number): number {
  let offset = start;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p.key) === String(step));
      if (!pair) return offset;
      offset = offsetOf(pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number" && step < node.items.length) {
      node = node.items[step];
      offset = offsetOf(node);
    } else {
      return offset;
    }
  }
  return offset;
}

/** The offset of every key that its mapping already holds, in one pass over the document (a set per mapping). */
function duplicateKeys(doc: ReturnType<typeof parseDocument>): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `s:${String(pair.key.value)}` : `n:${String(pair.key)}`;
        if (seen.has(key)) offsets.push(offsetOf(pair.key));
        seen.add(key);
      }
    },
  });
  return offsets;
}

/** Where the first alias (`*name`) is, for a file whose aliases expand too far. */
function firstAlias(doc: ReturnType<typeof parseDocument>): number {
  let offset = 0;
  visit(doc, {
    Alias(_, alias) {
      offset = offsetOf(alias);
      return visit.BREAK;
    },
  });
  return offset;
}

/** The offset of the first byte that is not part of valid UTF-8 (overlong forms and surrogates included), or undefined. */
export function invalidUtf8At(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return undefined;
}

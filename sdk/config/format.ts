// The config-repo file format: customer groups per backend, each under the name it has in the stack, with exactly the
// arguments of its resource. Shared by `cg.fromConfig` (which reads it) and `pulumi-customer-groups export` (which writes it).

import type { ArgsOf, BackendName } from "../../provider/registry";

export type { BackendName };

/** The arguments of each backend's resource, as written in a file. */
export type GroupArgs = { [B in BackendName]: ArgsOf<B> };

/** One file (or a directory of files merged): every backend optional; an empty file declares nothing. */
export type GroupsFile = { [B in BackendName]?: Record<string, GroupArgs[B]> };

/** A group's name in the file, which becomes its resource name in the stack: a letter or digit, then letters, digits, `_`, `.` or `-`. */
export const resourceNamePattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$";

/** A resource name from a key or a group name: lower case, every run of other characters one `-` (`B2B Partners` -> `b2b-partners`). */
export function resourceNameOf(keyOrName: string): string {
  const slug = transliterated(keyOrName)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? "group" : slug;
}

/** Letters that do not decompose into a base letter and a mark, written as their usual Latin spelling (`ß` -> `ss`). */
const spelled: Record<string, string> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  Ä: "Ae",
  Ö: "Oe",
  Ü: "Ue",
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "Ae",
  œ: "oe",
  Œ: "Oe",
  ø: "o",
  Ø: "O",
  þ: "th",
  Þ: "Th",
  ð: "d",
  Ð: "D",
  đ: "d",
  Đ: "D",
  ł: "l",
  Ł: "L",
  ı: "i",
};

/** A name with the letters of `spelled` written out (`Größe Kunden` -> `Groesse Kunden`). */
function transliterated(text: string): string {
  return [...text].map((c) => spelled[c] ?? c).join("");
}

/**
 * Names for a list of groups, in order: each from its key or name, made unique with `-2`, `-3`, ... where two would meet.
 * A name in `taken` (declared by another file of the same directory) is not given: with a `prefix` (the connection the
 * groups come from) the name is prefixed first (`eu-vip`), then made unique as above.
 */
export function uniqueResourceNames(sources: readonly string[], taken: ReadonlySet<string> = new Set(), prefix?: string): string[] {
  const given = new Set(taken);
  return sources.map((source) => {
    let base = resourceNameOf(source);
    if (given.has(base) && prefix !== undefined) base = `${prefix}-${base}`;
    let name = base;
    for (let n = 2; given.has(name); n++) name = `${base}-${n}`;
    given.add(name);
    return name;
  });
}

// The rules for groups' names and keys that every backend shares: what characters they may hold (and, when they hold
// others, which and where), and what makes one pass for another.

/** Characters no name or key may hold: controls (C0, C1), format characters (bidirectional controls, zero-width), line and paragraph separators. */
const refused = "\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}";

/**
 * Any characters (letters of every script, emoji, quotes, backslashes, `%`, `&`) but control, format (bidirectional,
 * zero-width) and separator characters, and no white space at either end: a name that differs from another only by an
 * invisible character reads as the same name in every admin UI and review (or, with a bidirectional override, as another
 * name), while the platforms' unique-name checks and look-ups treat the two as different groups.
 */
export const groupNamePattern = `^[^\\s${refused}]([^${refused}]*[^\\s${refused}])?$`;

/** The rule in words, for check failures; lengths count Unicode characters (an emoji is one). */
export const groupNameRule = (maxLength: number): string =>
  `1 to ${maxLength} characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end`;

/** What the characters a name may not hold are, by code point. */
const characterNames: Record<number, string> = {
  0x00: "NULL",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x20: "SPACE",
  0x85: "NEXT LINE",
  0xa0: "NO-BREAK SPACE",
  0xad: "SOFT HYPHEN",
  0x061c: "ARABIC LETTER MARK",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x3000: "IDEOGRAPHIC SPACE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
};

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+0007`. */
function codePoint(c: string): string {
  const code = c.codePointAt(0)!;
  const name = characterNames[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` ${name}` : ""}`;
}

/** What kind of refused character `c` is, for the reason. */
function kindOf(c: string): string {
  if (/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u.test(c)) return "a bidirectional control, which reorders the text around it";
  if (/[\u200B-\u200D\u2060\uFEFF\u180E]/u.test(c)) return "a zero-width character, which cannot be seen";
  if (/[\p{Zl}\p{Zp}\n\r\u0085\v\f]/u.test(c)) return "a line break";
  if (/\p{Cc}/u.test(c)) return "a control character";
  return "an invisible format character";
}

/**
 * Why a name or key cannot be used for the characters it holds, naming the first offending code point and its position
 * (1-based, in characters as a reader counts them); undefined when its characters are fine.
 */
export function nameCharacterProblem(text: string): string | undefined {
  const chars = [...text];
  const bad = chars.findIndex((c) => new RegExp(`[${refused}]`, "u").test(c));
  if (bad !== -1) {
    const more = chars.slice(bad + 1).filter((c) => new RegExp(`[${refused}]`, "u").test(c)).length;
    return (
      `contains ${codePoint(chars[bad]!)} (${kindOf(chars[bad]!)}) at character ${bad + 1}${more > 0 ? ` and ${more} more such character${more === 1 ? "" : "s"}` : ""}: ` +
      "names and keys may not hold control, bidirectional, zero-width or line-break characters, which make one read as another"
    );
  }
  if (chars.length > 0 && /\s/u.test(chars[0]!)) return `starts with white space (${codePoint(chars[0]!)}): remove it, or it reads as another name`;
  if (chars.length > 0 && /\s/u.test(chars[chars.length - 1]!))
    return `ends with white space (${codePoint(chars[chars.length - 1]!)} at character ${chars.length}): remove it, or it reads as another name`;
  return undefined;
}

/** Scripts whose letters pass for Latin ones (Cyrillic `а`, Greek `ο`, Armenian `օ`, Cherokee `Ꮃ`). */
const confusableScripts = ["Cyrillic", "Greek", "Armenian", "Cherokee"] as const;
const scriptOf = (letter: string): string | undefined =>
  /\p{Script=Latin}/u.test(letter) ? "Latin" : confusableScripts.find((s) => new RegExp(`\\p{Script=${s}}`, "u").test(letter));

/**
 * Why a name or key may pass for another, or undefined: it mixes Latin letters with letters of a script that looks like
 * Latin (`Wholesаle` with a Cyrillic `а`), or holds a character that is another form of a Latin letter or digit (a
 * full-width `Ｗ`, a mathematical `𝐖`). Each such character is named by its code point and position.
 */
export function lookalikeProblem(text: string): string | undefined {
  const chars = [...text];
  const scripts = new Set(chars.map(scriptOf).filter((s): s is string => s !== undefined));
  const found: string[] = [];
  chars.forEach((c, i) => {
    const where = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} at character ${i + 1}`;
    const script = scriptOf(c);
    if (scripts.has("Latin") && script !== undefined && script !== "Latin") found.push(`${script} ${where}`);
    else if (c.codePointAt(0)! > 0x7f && /^[A-Za-z0-9]$/.test(c.normalize("NFKC"))) found.push(`a form of '${c.normalize("NFKC")}', ${where}`);
  });
  if (found.length === 0) return undefined;
  const shown = found.slice(0, 3).join("; ") + (found.length > 3 ? `; ${found.length - 3} more` : "");
  return `has letters that pass for Latin ones (${shown})`;
}

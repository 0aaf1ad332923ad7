// Words for a reader (review, drift, warnings) with every value from a file, a program or a store kept apart from our own
// text, so that each renderer makes the values inert: Markdown puts them in code spans, plain text shows invisible
// characters as escapes. Our text is trusted; a value never is.

declare const textBrand: unique symbol;

/**
 * Our words with values marked in them. At run time a string: each value sits between private-use marks that `value`
 * puts there (and escapes inside the value), so that it concatenates, compares and keys maps like any string. Only `say`,
 * `value` and `quoted` make one, so that the compiler refuses a value that was not marked.
 */
export type Text = string & { readonly [textBrand]: true };

/** Open a value shown bare, quoted or as code in plain text; close any of them. */
const openBare = "\uE000";
const openQuoted = "\uE001";
const openCode = "\uE002";
const close = "\uE003";
const marks = /[\uE000-\uE003]/g;

/** A value, shown as it is in plain text (`id 12`); Markdown shows it as code. Objects are shown as JSON. */
export function value(v: unknown): Text {
  return (openBare + textOf(v) + close) as Text;
}

/** A value shown quoted in plain text (`'Gold'`); Markdown shows it as code. */
export function quoted(v: unknown): Text {
  return (openQuoted + textOf(v) + close) as Text;
}

/** A value that is code or a name in the program (a resource name, a command), between backticks in plain text too. */
export function code(v: unknown): Text {
  return (openCode + textOf(v) + close) as Text;
}

/** Our own words: interpolated texts are spliced, numbers written; a plain string must be marked with `value` or `quoted`. */
export function say(strings: TemplateStringsArray, ...parts: readonly (Text | number | bigint)[]): Text {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += String(part) + strings[i + 1]!;
  });
  return out as Text;
}

/** Words this package wrote that are not in a template here (a descriptor's noun or title); never a value. */
export function ours(words: string): Text {
  return words.replace(marks, (c) => escapeOf(c.codePointAt(0)!)) as Text;
}

/** Texts joined by our separator. */
export function joined(texts: readonly Text[], separator: string): Text {
  return texts.join(separator) as Text;
}

/** One piece of a text: our words, or a value and how plain text shows it. */
export type Piece = { words: string } | { value: string; shown: "bare" | "quoted" | "code" };

/** The pieces of a text in order. */
export function piecesOf(text: Text): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.slice(i).search(/[\uE000-\uE002]/);
    if (open === -1) {
      pieces.push({ words: text.slice(i) });
      break;
    }
    if (open > 0) pieces.push({ words: text.slice(i, i + open) });
    const start = i + open;
    const end = text.indexOf(close, start + 1);
    const stop = end === -1 ? text.length : end;
    const shown = text[start] === openQuoted ? "quoted" : text[start] === openCode ? "code" : "bare";
    pieces.push({ value: text.slice(start + 1, stop), shown });
    i = stop + 1;
  }
  return pieces;
}

/** The text as plain words (JSON, logs, drift): values as written (quoted where asked), their invisible characters escaped. */
export function plain(text: Text): string {
  return piecesOf(text)
    .map((p) => ("words" in p ? p.words : p.shown === "quoted" ? `'${visible(p.value)}'` : p.shown === "code" ? `\`${visible(p.value)}\`` : visible(p.value)))
    .join("");
}

function textOf(v: unknown): string {
  const text = typeof v === "string" ? v : v === undefined ? "undefined" : typeof v === "object" || typeof v === "bigint" ? json(v) : String(v);
  // A value cannot close itself early or open another: its own marks are shown as escapes.
  return text.replace(marks, (c) => escapeOf(c.codePointAt(0)!));
}

function json(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Characters a reader cannot see or that move the text around them: controls (C0, C1), format characters (bidirectional
 * overrides and isolates, zero-width spaces and joiners, the byte-order mark, tags), line and paragraph separators,
 * private-use, unassigned and lone surrogate code points, spaces other than U+0020, and the blank letters (Hangul fillers,
 * the Braille blank) and invisible marks that render as nothing.
 */
const invisible =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u115F\u1160\u3164\uFFA0\u2800]|\u034F|\u17B4|\u17B5/gu;

const named: Record<number, string> = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };

/** `\u202E`, `\u{E0041}`; a newline, a carriage return and a tab as `\n`, `\r`, `\t`. */
export function escapeOf(codePoint: number): string {
  const name = named[codePoint];
  if (name) return name;
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/** The text with every invisible character (see `invisible`) shown as its escape: one line, read as written. */
export function visible(text: string): string {
  return text.replace(invisible, (c) => escapeOf(c.codePointAt(0)!));
}

/** Whether a text holds a character `visible` would escape. */
export function hasInvisible(text: string): boolean {
  return new RegExp(invisible.source, "u").test(text);
}

/** A value that JSON already escapes (a request body): the invisible characters JSON leaves as they are, as JSON's `\uXXXX`. */
export function visibleJson(jsonText: string): string {
  // Outside the BMP, JSON escapes each half of the surrogate pair.
  return jsonText.replace(invisible, (c) => Array.from({ length: c.length }, (_, i) => `\\u${hex4(c.charCodeAt(i))}`).join(""));
}

const hex4 = (unit: number): string => unit.toString(16).toUpperCase().padStart(4, "0");

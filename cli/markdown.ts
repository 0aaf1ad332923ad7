// Markdown that no value can restructure under GitHub's parser (CommonMark with GFM's tables, autolinks and raw HTML,
// then GitHub's mentions, issue links and emoji): every value is a code span on one line, where nothing is markup and
// none of GitHub's filters looks; a code block's fence is longer than any run of backticks it holds.

import { piecesOf, type Text, visible, visibleJson } from "../provider/text";

/** Where a text goes: a table cell must also escape `|`, which GFM splits a row on before anything else. */
export type Place = "text" | "cell";

/** A value as a code span: invisible characters escaped, on one line, fenced by more backticks than it holds. */
export function codeSpan(raw: string, place: Place = "text"): string {
  let content = visible(raw);
  // GFM splits a row on every `|` not escaped, also inside a code span, and reads `\|` as a `|` of the content. The
  // backslashes just before a `|` must not pair with its escape: they are doubled (and show doubled in the table).
  if (place === "cell") content = content.replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`);
  if (content === "") return "` `";
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // CommonMark takes one space off each end when both have one: padding keeps a value's own spaces and backticks.
  const pad = content.startsWith("`") || content.endsWith("`") || (content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A text: our words as they are (they are Markdown), each value a code span. */
export function markdownOf(text: Text, place: Place = "text"): string {
  return piecesOf(text)
    .map((p) => ("words" in p ? p.words : codeSpan(p.value, place)))
    .join("");
}

/**
 * A fenced code block of lines (requests, their JSON bodies): each line with its invisible characters escaped (as JSON
 * escapes them, which a body's strings then still are), fenced by more backticks than any line holds.
 */
export function codeBlock(info: string, lines: readonly string[]): string[] {
  const shown = lines.map(visibleJson);
  const longest = Math.max(2, ...shown.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info}`, ...shown, fence];
}

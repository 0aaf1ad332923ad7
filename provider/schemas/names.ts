// The rule for the name of a group the provider creates, shared by the backends that create groups.

/**
 * Any characters (letters of every script, emoji, quotes, backslashes, `%`, `&`) but control characters, and no whitespace at
 * either end: a name that differs from another only by an invisible leading or trailing space reads as the same name in every
 * admin UI and review, while the platforms' unique-name checks and look-ups treat the two as different groups.
 */
export const groupNamePattern = "^[^\\s\\p{Cc}]([^\\p{Cc}]*[^\\s\\p{Cc}])?$";

/** The rule in words, for check failures; lengths count Unicode characters (an emoji is one). */
export const groupNameRule = (maxLength: number): string =>
  `1 to ${maxLength} characters (an emoji counts as one), without control characters or whitespace at either end`;

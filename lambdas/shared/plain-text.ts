/**
 * Helpers that keep untrusted strings (Name tags, response excerpts, certificate
 * names, error texts) from breaking a plain-text e-mail, an SNS subject line or
 * a terminal: the probe cleans its evidence with them, the alerts their fields.
 */

// Every Unicode whitespace, including CR/LF, tab and the line/paragraph separators.
const WHITESPACE_RUN = /\s+/gu;
// Controls left after whitespace folding, bidi embeddings/overrides/isolates and marks
// (they can make a line read backwards, "Trojan Source"), and the noncharacters XML rejects.
const UNSAFE_CHARACTER = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFFF9-\uFFFB\uFFFE\uFFFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const COMBINING_MARK = /\p{M}/gu;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7E]/gu;

const ELLIPSIS = '...';

const escapeCharacter = (character: string): string =>
  `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * One line of safe UTF-8: whitespace runs become one space, other controls and
 * direction overrides are shown escaped (an excerpt full of escapes is itself a clue),
 * and broken surrogates become U+FFFD so the text always encodes as valid UTF-8.
 */
export function oneLine(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(WHITESPACE_RUN, ' ')
    .replace(UNSAFE_CHARACTER, escapeCharacter)
    .trim();
}

/** At most `maxChars` code points, ending in "..." when cut; never splits a surrogate pair. */
export function clip(text: string, maxChars: number): string {
  // Most inputs are short; only long ones pay for the code-point split.
  if (text.length <= maxChars) return text;
  const codePoints = Array.from(text.slice(0, maxChars * 2 + 2));
  if (codePoints.length <= maxChars) return codePoints.join('');
  if (maxChars <= ELLIPSIS.length) return codePoints.slice(0, maxChars).join('');
  return codePoints.slice(0, maxChars - ELLIPSIS.length).join('') + ELLIPSIS;
}

/** `oneLine` then `clip`: the usual treatment of an untrusted field. */
export function safeField(text: string, maxChars: number): string {
  // Cleaning a megabyte to keep 400 characters is waste: a window of the start is enough,
  // and a field cut that way still ends in "...".
  const window = maxChars * 4 + 16;
  return text.length <= window ? clip(oneLine(text), maxChars) : clip(`${oneLine(text.slice(0, window))} ${ELLIPSIS}`, maxChars);
}

/**
 * Printable ASCII only, for the SNS subject (SNS rewrites subjects with
 * non-ASCII or control characters): accents are dropped, anything else becomes "?".
 */
export function toAscii(text: string): string {
  return oneLine(text).normalize('NFKD').replace(COMBINING_MARK, '').replace(NOT_PRINTABLE_ASCII, '?');
}

/** UTF-8 size, what SNS counts. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Word-wraps `prefix + text` to `width` characters; continuation lines are
 * indented to the end of the prefix. A word longer than a line is cut, so only
 * a prefix wider than `width` can make a line exceed it.
 */
export function wrap(prefix: string, text: string, width: number): string[] {
  const indent = ' '.repeat(prefix.length);
  const lines: string[] = [];
  let current = prefix;
  let empty = true;
  const room = () => width - current.length;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const separator = empty ? '' : ' ';
    if (separator.length + word.length <= room()) {
      current += separator + word;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(current);
      current = indent;
    }
    let rest = word;
    while (rest.length > room()) {
      let cut = Math.max(1, room());
      // Never split a surrogate pair: half a character is not valid UTF-8.
      if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut = cut > 1 ? cut - 1 : cut + 1;
      lines.push(current + rest.slice(0, cut));
      current = indent;
      rest = rest.slice(cut);
    }
    current += rest;
    empty = rest === '';
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

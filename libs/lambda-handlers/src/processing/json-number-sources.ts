import { BACKSLASH, QUOTE } from './ascii.js';
/**
 * `JSON.parse` turns numbers into doubles, which would round an amount such as
 * 12345678901234567.89 or a long numeric id. This recovers the exact source text of the numbers
 * that are direct members of a JSON object, by walking the text once without building values.
 * Only valid JSON object text may be passed (call it after `JSON.parse` succeeded).
 */


function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return i;
    i++;
  }
}

/** Index just past the string starting at `i` (which is a quote). */
function skipString(text: string, i: number): number {
  for (i++; ; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
}

/** Index just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === QUOTE) return skipString(text, i);
  if (code === 123 || code === 91) {
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = skipString(text, i);
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) depth--;
      i++;
      if (depth === 0) return i;
    }
  }
  // number, true, false, null
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 125 || c === 93 || c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c)) return i;
    i++;
  }
}

/** Source text of each top-level number member, by key; a repeated key keeps its last value. */
export function topLevelNumberSources(objectText: string): Map<string, string> {
  const numbers = new Map<string, string>();
  let i = skipWhitespace(objectText, 0) + 1; // past '{'
  for (;;) {
    i = skipWhitespace(objectText, i);
    if (objectText.charCodeAt(i) !== QUOTE) return numbers; // '}'
    const keyEnd = skipString(objectText, i);
    const quotedKey = objectText.slice(i, keyEnd);
    const key = quotedKey.includes('\\') ? (JSON.parse(quotedKey) as string) : quotedKey.slice(1, -1);
    i = skipWhitespace(objectText, skipWhitespace(objectText, keyEnd) + 1); // past ':'
    const valueEnd = skipValue(objectText, i);
    const first = objectText.charCodeAt(i);
    if (first === 45 || (first >= 48 && first <= 57)) numbers.set(key, objectText.slice(i, valueEnd));
    else numbers.delete(key);
    i = skipWhitespace(objectText, valueEnd);
    if (objectText.charCodeAt(i) === 44) i++;
  }
}

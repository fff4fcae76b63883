/** How the Spark checks show text in messages: quoted, and single characters by name or code point. */

/** JSON quoting, so control characters show as escapes instead of breaking the message. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** A character as a message names it: a space, a tab, `'x'`, or `U+00A0`. */
export function describeChar(char: string): string {
  switch (char) {
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab';
    case '\n':
      return 'a line feed';
    case '\r':
      return 'a carriage return';
    default: {
      const codePoint = char.codePointAt(0)!;
      const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      return codePoint > 0x20 && codePoint < 0x7f ? `'${char}'` : name;
    }
  }
}

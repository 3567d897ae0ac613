import type { Catalogue } from './messages/en';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [letter, [...'åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i] ?? letter]),
);

/**
 * English with every letter of its own words swapped for an accented look-alike, placeholders and
 * ICU syntax kept: text on the page still in plain ASCII letters did not come from the catalogue.
 */
export function pseudoCatalogue<C extends Record<string, string> = Catalogue>(source: C): C {
  return Object.fromEntries(Object.entries(source).map(([key, message]) => [key, pseudoMessage(message)])) as C;
}

/** Letters outside `{…}` change, except inside a plural's or select's branches, which are text again. */
function pseudoMessage(message: string): string {
  let out = '';
  // Depth of braces; a branch body opens at an even depth >= 2 (`{n, plural, one {…}}`), text is at depth 0 or inside branches.
  const stack: ('argument' | 'branch')[] = [];
  for (const char of message) {
    const top = stack[stack.length - 1];
    if (char === '{') {
      stack.push(top === 'argument' ? 'branch' : 'argument');
      out += char;
    } else if (char === '}') {
      stack.pop();
      out += char;
    } else {
      out += top === 'argument' ? char : (ACCENTED[char] ?? char);
    }
  }
  return out;
}

/**
 * Turns what an operator types into a safe FTS5 MATCH expression. User text never reaches FTS5
 * syntax: every word becomes a quoted string (so `AND`, `NEAR`, `:`, `(` are just text), and only
 * the little language below is interpreted:
 *   word            must appear (words are ANDed)
 *   "two words"     phrase
 *   pref*           prefix match
 *   -word           must not appear (needs at least one positive term)
 */
export class EventQueryError extends Error {
  /** Maps to the IPC `invalid-request` error code in dispatch. */
  readonly code = 'invalid-request';
}

const MAX_TERMS = 32;

interface Term {
  text: string;
  prefix: boolean;
  negated: boolean;
}

export interface ParsedSearch {
  /** FTS5 MATCH expression (every term quoted). */
  match: string;
  /** The same terms for substring matching of rows not yet in the FTS index. */
  like: { must: string[]; not: string[] };
}

export function parseSearch(input: string): ParsedSearch {
  const terms = parseTerms(input);
  const match = toFtsQuery(terms);
  const pattern = (t: Term) => `%${t.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return { match, like: { must: terms.filter((t) => !t.negated).map(pattern), not: terms.filter((t) => t.negated).map(pattern) } };
}

function toFtsQuery(terms: Term[]): string {
  const positive = terms.filter((t) => !t.negated);
  if (terms.length === 0) throw new EventQueryError('The search has no words to look for.');
  if (positive.length === 0) throw new EventQueryError('The search only excludes words; add at least one word to look for.');
  if (terms.length > MAX_TERMS) throw new EventQueryError(`The search has too many words (at most ${MAX_TERMS}).`);
  const quote = (t: Term) => `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
  const must = positive.map(quote).join(' AND ');
  const not = terms.filter((t) => t.negated).map(quote);
  return not.length === 0 ? must : `(${must}) NOT (${not.join(' OR ')})`;
}

function parseTerms(input: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  const s = input.trim();
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw new EventQueryError('The search has an opening quote (") without a closing one.');
      pushTerm(terms, s.slice(i + 1, end), false, negated);
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    const word = s.slice(i, j);
    const prefix = word.length > 1 && word.endsWith('*');
    pushTerm(terms, prefix ? word.slice(0, -1) : word, prefix, negated);
    i = j;
  }
  return terms;
}

/** Drops terms with nothing the tokenizer would index (e.g. `***` or `--`), which FTS5 cannot match. */
function pushTerm(terms: Term[], raw: string, prefix: boolean, negated: boolean): void {
  const text = raw.replace(/\*/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return;
  terms.push({ text, prefix, negated });
}

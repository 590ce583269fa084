/**
 * Turns what an operator types into a safe FTS5 MATCH expression plus field conditions. User text
 * never reaches FTS5 syntax: every word becomes a quoted string (so `AND`, `NEAR`, `(` are just
 * text), and only the little language below is interpreted:
 *   word            must appear; a word of 3 or more characters also matches as a prefix
 *                   ("unreach" finds "unreachable"); words are ANDed
 *   "two words"     phrase, matched exactly
 *   pref*           prefix match (also for shorter words)
 *   -word           must not appear (needs at least one positive word or field term)
 *   server:id  type:name  client:ip  domain:name   (a trailing * makes the value a prefix;
 *                   domain:*part* finds domains containing the text)
 *   blocked:yes  blocked:no   (also true/false) a query sample by its stored blocked flag
 *   severity>=warning  (also >, <=, <, =, :)
 *   snake_case      an event type (bind_down, forwarder_status*), like type:
 * Field terms are parsed in searchFields.ts and become SQL conditions (filterSql.ts).
 */
import { parseFieldTerm, type FieldTerm } from './searchFields';
import { EventQueryError } from './searchErrors';

export { EventQueryError } from './searchErrors';

const MAX_TERMS = 32;
/** Shorter words match exactly: a one- or two-letter prefix would match most of the index. */
const AUTO_PREFIX_MIN = 3;

interface Term {
  text: string;
  prefix: boolean;
  negated: boolean;
}

export interface ParsedSearch {
  /** FTS5 MATCH expression (every term quoted), or null when the search has only field terms. */
  match: string | null;
  /** The same terms for substring matching of rows not yet in the FTS index. */
  like: { must: string[]; not: string[] };
  /** server:, type:, client:, domain:, blocked:, severity terms, ANDed with the text. */
  fields: FieldTerm[];
}

export function parseSearch(input: string): ParsedSearch {
  const { terms, fields } = parseTerms(input);
  const positive = terms.filter((t) => !t.negated);
  if (terms.length + fields.length === 0) throw new EventQueryError('The search has no words to look for.');
  if (terms.length + fields.length > MAX_TERMS) throw new EventQueryError(`The search has too many words (at most ${MAX_TERMS}).`);
  if (positive.length === 0 && terms.length > 0) throw new EventQueryError('The search only excludes words; add at least one word to look for.');
  if (!fields.some((f) => !f.negated) && positive.length === 0) throw new EventQueryError('The search only excludes; add at least one word or field to look for.');
  const pattern = (t: Term) => `%${t.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    match: positive.length > 0 ? toFtsQuery(terms) : null,
    like: { must: positive.map(pattern), not: terms.filter((t) => t.negated).map(pattern) },
    fields,
  };
}

function toFtsQuery(terms: Term[]): string {
  const quote = (t: Term) => `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
  const must = terms.filter((t) => !t.negated).map(quote).join(' AND ');
  const not = terms.filter((t) => t.negated).map(quote);
  return not.length === 0 ? must : `(${must}) NOT (${not.join(' OR ')})`;
}

function parseTerms(input: string): { terms: Term[]; fields: FieldTerm[] } {
  const terms: Term[] = [];
  const fields: FieldTerm[] = [];
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
    i = j;
    const field = parseFieldTerm(word, negated);
    if (field) {
      fields.push(field);
      continue;
    }
    const starred = word.length > 1 && word.endsWith('*');
    const text = starred ? word.slice(0, -1) : word;
    pushTerm(terms, text, starred || (!negated && [...text].length >= AUTO_PREFIX_MIN), negated);
  }
  return { terms, fields };
}

/** Drops terms with nothing the tokenizer would index (e.g. `***` or `--`), which FTS5 cannot match. */
function pushTerm(terms: Term[], raw: string, prefix: boolean, negated: boolean): void {
  const text = raw.replace(/\*/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return;
  terms.push({ text, prefix, negated });
}

import type { FeedbackItem } from './feedback.schema';

/** One term of a search: a word, or a phrase of words in a row; negated: must not be there. */
interface SearchTerm {
  words: string[];
  negated: boolean;
}

/**
 * A search read as a web search box reads it: alternatives (`or`), each a list of terms that must
 * all match.
 */
export type ParsedSearch = SearchTerm[][];

/** The words of a text as the search compares them: runs of letters and digits, in lower case. */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Reads a search as PostgreSQL's `websearch_to_tsquery` does: words are all required, `"a phrase"`
 * is its words in a row, `or` between two terms starts an alternative (the loosest bond: `a b or c`
 * is `a b`, or `c`), and a leading `-` excludes a term. An `or` with no term before it is a word.
 */
export function parseSearch(text: string): ParsedSearch {
  const alternatives: ParsedSearch = [];
  let or = false;
  for (const match of text.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const quoted = match[2];
    const raw = quoted ?? match[3] ?? '';
    const last = alternatives.at(-1);
    if (quoted === undefined && raw.toLowerCase() === 'or' && !or && last && last.length > 0) {
      or = true;
      continue;
    }
    const negated = quoted === undefined ? raw.startsWith('-') : match[1] === '-';
    const words = searchWords(quoted === undefined && negated ? raw.slice(1) : raw);
    if (words.length === 0) continue;
    const term = { words, negated };
    if (or || !last) alternatives.push([term]);
    else last.push(term);
    or = false;
  }
  return alternatives;
}

/** Whether `words` holds `phrase` in a row. */
function holds(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++)
    if (phrase.every((word, offset) => words[start + offset] === word)) return true;
  return false;
}

/** What the customer wrote on an item: their words in the answers, and their replies. */
export function customerTextsOf(item: FeedbackItem): string[] {
  return [
    ...(item.text ? [item.text] : []),
    ...item.replies.filter((reply) => reply.author.kind === 'customer').map((reply) => reply.body),
  ];
}

/**
 * Whether the customer's words on an item (text answers and their replies) match a search, word
 * for word in any case (the memory backend's match; a SQL backend also matches other forms of a
 * word in the customer's language). A search without a word matches nothing.
 */
export function matchesSearch(item: FeedbackItem, search: ParsedSearch): boolean {
  if (search.length === 0) return false;
  const sources = customerTextsOf(item).map(searchWords);
  return search.some((terms) =>
    terms.every((term) => sources.some((words) => holds(words, term.words)) !== term.negated),
  );
}

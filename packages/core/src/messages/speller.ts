import nspell from 'nspell';

/** A Hunspell dictionary's two files, bytes (UTF-8) or text. Example: `import dictionary from 'dictionary-en'`. */
export interface SpellingDictionary {
  aff: Uint8Array | string;
  dic: Uint8Array | string;
}

/**
 * A spell checker the lint can use. Example: `speller.correct('advice') === true`. `correct` must be fast (it runs on every word);
 * `suggest` may be slow and is called only for the first few misspellings.
 */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

// Core has no I/O and no Node types: the global decoder exists in Node and in browsers.
declare const TextDecoder: new () => { decode(input: Uint8Array): string };

// Words students use in this domain that the general dictionary lacks.
const DOMAIN_WORDS = [
  'LinkedIn',
  'co-op',
  'coop',
  'organisation',
  'organisations',
  'email',
  'emails',
  'Handshake',
];

const MEMO_LIMIT = 20_000;

function text(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

/**
 * Build a speller from a Hunspell dictionary (load it outside core, e.g. `dictionary-en`),
 * plus extra accepted words (a tenant's names, programs, jargon).
 * Example: `createSpeller(dictionary, ['Northeastern']).correct('recieve') === false`.
 */
export function createSpeller(dictionary: SpellingDictionary, words: Iterable<string> = []): Speller {
  const spell = nspell({ aff: text(dictionary.aff), dic: text(dictionary.dic) });
  for (const word of DOMAIN_WORDS) spell.add(word);
  for (const word of words) if (word.trim()) spell.add(word.trim());
  // Same inputs give the same answer, so a bounded memo keeps the lint fast on repeated words.
  const memo = new Map<string, boolean>();
  return {
    correct(word) {
      const known = memo.get(word);
      if (known !== undefined) return known;
      const answer = spell.correct(word);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, answer);
      return answer;
    },
    suggest(word) {
      return rankSuggestions(word, spell.suggest(word));
    },
  };
}

/** nspell's order is rough: prefer the same first letter, then the fewest edits (a swap is half an edit). */
function rankSuggestions(word: string, suggestions: string[]): string[] {
  const lower = word.toLowerCase();
  const score = (candidate: string): number =>
    (candidate[0]?.toLowerCase() === lower[0] ? 0 : 10) + editDistance(lower, candidate.toLowerCase());
  return suggestions
    .map((candidate, index) => ({ candidate, index, score: score(candidate) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map(({ candidate }) => candidate);
}

/** Optimal string alignment distance; an adjacent swap costs 0.5 (the commonest typo). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i]!;
    const previous = rows[i - 1]!;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 0.5);
      }
      row[j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * A speller that also accepts `words` (e.g. the names in a message's context).
 * Example: `withWords(speller, ['Okonkwo']).correct('Okonkwo') === true`.
 */
export function withWords(speller: Speller, words: Iterable<string>): Speller {
  const accepted = new Set<string>();
  for (const word of words) accepted.add(word.toLowerCase());
  return {
    correct: (word) => accepted.has(word.toLowerCase()) || speller.correct(word),
    suggest: (word) => speller.suggest(word),
  };
}

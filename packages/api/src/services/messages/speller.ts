import { createSpeller, type Speller } from '@infoview/core';

let speller: Promise<Speller> | undefined;

// A suggestion costs 10–200 ms for a real typo and seconds for a nonsense word, and a student's
// draft is linted again on every pause: each word's suggestions are worked out once per process.
const MAX_REMEMBERED = 2000;

function remembering(inner: Speller): Speller {
  const suggestions = new Map<string, string[]>();
  return {
    correct: (word) => inner.correct(word),
    suggest: (word) => {
      let found = suggestions.get(word);
      if (!found) {
        found = inner.suggest(word);
        if (suggestions.size >= MAX_REMEMBERED) suggestions.delete(suggestions.keys().next().value!);
        suggestions.set(word, found);
      }
      return found;
    },
  };
}

/** The English speller, loaded once per process on first use (the dictionary is a few MB). */
export function englishSpeller(): Promise<Speller> {
  speller ??= import('dictionary-en').then((module) => remembering(createSpeller(module.default)));
  return speller;
}

import { createSpeller, type Speller } from '@infoview/core';

let speller: Promise<Speller> | undefined;

/** The English speller, loaded once per process on first use (the dictionary is a few MB). */
export function englishSpeller(): Promise<Speller> {
  speller ??= import('dictionary-en').then((module) => createSpeller(module.default));
  return speller;
}

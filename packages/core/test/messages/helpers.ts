/** The span of the `occurrence`-th `needle` in `text` (0-based), failing loudly when absent. */
export function at(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    start = text.indexOf(needle, start + 1);
    if (start === -1) throw new Error(`"${needle}" not found in text`);
  }
  return { start, end: start + needle.length };
}

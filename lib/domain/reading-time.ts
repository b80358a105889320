/** Words per minute for technical prose with code: slower than the ~230 of plain text. */
export const WORDS_PER_MINUTE = 200;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Whole minutes, at least 1. */
export function readingMinutes(words: number, wpm = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.round(words / wpm));
}

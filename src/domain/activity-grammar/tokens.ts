/** Edits of a piece's parallel token arrays. */

/** Removes tokens [start, end) from both arrays, in place (a hand loop: `splice` was slow here). */
export function removeTokens(words: string[], keys: string[], start: number, end: number): void {
  const gap = end - start;
  const n = keys.length;
  for (let i = start; i + gap < n; i++) {
    words[i] = words[i + gap] as string;
    keys[i] = keys[i + gap] as string;
  }
  words.length = n - gap;
  keys.length = n - gap;
}

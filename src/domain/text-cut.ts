/** Cuts text to at most `max` UTF-16 units without leaving half of a surrogate pair (an emoji) at the end. */
export function cutWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

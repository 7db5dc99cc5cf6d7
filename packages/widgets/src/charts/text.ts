/** Approximate width of one character of the small chart font, in px (labels are truncated by it). */
export const CHAR_WIDTH = 7;

/** `text` cut to `maxChars` with an ellipsis (at least 4 characters are kept). */
export function truncate(text: string, maxChars: number): string {
  const max = Math.max(Math.floor(maxChars), 4);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "averageOrderValue" -> "Average order value", "days_since" -> "Days since". */
export function humanize(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The class of the n-th categorical colour (`clv-series-1` .. `clv-series-8`, then again). */
export function seriesClass(index: number): string {
  return `clv-series-${(((index % 8) + 8) % 8) + 1}`;
}

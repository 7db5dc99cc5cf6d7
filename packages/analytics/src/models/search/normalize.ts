/**
 * Case- and accent-insensitive text for search: "Café  Crème" and "cafe creme" normalise alike.
 */

/** Letters that Unicode decomposition does not split into a base letter plus marks. */
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
  þ: 'th',
  Þ: 'th',
};
const ASCII = /^[\x00-\x7f]*$/;
const FOLDED_PATTERN = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'g');

/**
 * The search form of `text`: compatibility-decomposed (NFKD, so "ﬁ" is "fi" and "é" is "e" +
 * an accent), combining marks removed, the few letters that do not decompose folded (ß → ss,
 * æ → ae, ø → o, ł → l, ...), lower-cased, every run of whitespace one space, trimmed.
 */
export function normalizeText(text: string): string {
  // ASCII needs no decomposition (most ids and codes): skip the Unicode passes.
  if (ASCII.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(FOLDED_PATTERN, (ch) => FOLDED[ch])
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

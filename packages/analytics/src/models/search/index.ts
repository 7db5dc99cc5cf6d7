// Public model functions of the search area (re-exported from the package index).
export { normalizeText } from './normalize.js';
export { bigramCounts, diceSimilarity, type BigramKey } from './bigrams.js';
export { buildSearchIndex, searchIndex, type SearchIndex, type SearchHit } from './search-index.js';

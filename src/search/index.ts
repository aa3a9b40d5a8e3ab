export { searchStories, MAX_SEARCH_PAGE, SEARCH_PAGE_SIZE } from './search.js';
export type { SearchOptions, SearchResult } from './search.js';
export type { SearchHit } from '../model/index.js';
export { Highlighter } from './highlight.js';
export type { Marked } from './highlight.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery } from './parse-query.js';
export type { ParsedQuery, SearchTerms } from './parse-query.js';

export type { FeedFormat } from './feed-format.js';
export type { FetchResult, RedirectHop } from './fetch-result.js';
export type {
  ParsedCategory,
  ParsedEnclosure,
  ParsedEntry,
  ParsedFeed,
  ParsedGenerator,
  ParsedImage,
  ParsedLink,
  ParsedPerson,
  ParsedPollingHints,
  ParsedSource,
  ParsedText,
} from './parsed-feed.js';
export type {
  Enclosure,
  ItemIdSource,
  NormalisedFeed,
  NormalisedFeedMeta,
  NormalisedItem,
  Person,
} from './normalised-item.js';
export * from './errors.js';
export { parseHttpUrl } from './http-url.js';
export type { CoverageEntry, CuratedEntry, CuratedFeed, EntrySource, VendorMention, VendorRole } from './curated-feed.js';
export type { KeyHit, KeyQuery, StoryAssigner, StoryInput, StoryMatchRecord, StoryMember, StoryPort } from './story-port.js';
export type { MarkedText, SearchHit } from './search-hit.js';
export { DEFAULT_DOCUMENT_LIMITS, cappedBy, capWarning } from './document-limits.js';
export type { DocumentCap, DocumentLimits } from './document-limits.js';

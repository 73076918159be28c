export { createHost, refusedHost, type Host, type HostOptions, type SyncHost } from './host';
export { createShippedHost, refusedShipped, type ShippedHost, type ShippedHostOptions } from './shipped-host';
export { badgeFor, corpusErrorBadge, BADGE_TEXT_CORPUS_ERROR, emptyCounts, ACTION_TITLE, BADGE_COLOR_OK, BADGE_COLOR_PROBLEM, BADGE_COLOR_NONE, type BadgeState, type Counts } from './badge';
export { RECENT_SCANS_PER_FRAME, TabFindings } from './tab-findings';
export type { Matcher, MatcherFactory, LookupResult } from './engine';
export { checkShippedBytes, openCorpus, sha256Hex, SHORT_HASH_DIGITS, type CheckedBytes, type OpenedCorpus } from './integrity';

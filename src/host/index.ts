export { createHost, refusedHost, type Host, type HostOptions } from './host';
export { badgeFor, emptyCounts, ACTION_TITLE, BADGE_COLOR_OK, BADGE_COLOR_PROBLEM, BADGE_COLOR_NONE, type BadgeState, type Counts } from './badge';
export { TabFindings } from './tab-findings';
export type { Matcher, MatcherFactory, LookupResult } from './engine';

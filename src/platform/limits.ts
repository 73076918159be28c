/**
 * Bounds on the work one page can cause (issue 12, "Bounded work per page"). Shared by
 * the content script, the background and the popup, so each says the same "checked the
 * first N" and refuses the same oversized message.
 */

/**
 * Findings kept per scan (and so per frame): a real article has tens; a page of 20,000
 * quotations is an attack or a dump. 20,000 still lists (incrementally) in the popup
 * within 1 s; beyond that the background's memory per tab and the report's size grow
 * with no use to a reader. The rest are dropped with a `limit` note.
 */
export const MAX_FINDINGS_PER_PAGE = 20_000;

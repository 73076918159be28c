/**
 * The paragraph text on each side of a reader's selection, sent with a lookup
 * so the background judges the selection as the scan judged the page: the
 * quotation marks and the attribution ("Zelensky said:") around the selected
 * words count, whether or not the reader selected them.
 */

/** Elements that hold one paragraph: the scan reads a quotation's attribution within its paragraph. */
const BLOCK = 'p, li, blockquote, dd, dt, td, th, figcaption, caption, h1, h2, h3, h4, h5, h6, pre, article, section, main, aside, div, body';

/** Characters kept on each side: more than the attribution reads (src/match ATTRIBUTION_CONTEXT_CHARS), less than a page. */
export const SELECTION_CONTEXT_CHARS = 2000;

export interface SelectionContext {
  before: string;
  after: string;
}

/** The text of the selection's paragraph before and after `range`, as `Range.toString()` gives it. */
export function selectionContext(range: Range): SelectionContext | undefined {
  const doc = range.startContainer.ownerDocument;
  if (!doc) return undefined;
  const common = range.commonAncestorContainer;
  const start = common.nodeType === Node.ELEMENT_NODE ? (common as Element) : common.parentElement;
  const block = start?.closest(BLOCK);
  if (!block) return undefined;
  const head = doc.createRange();
  head.selectNodeContents(block);
  head.setEnd(range.startContainer, range.startOffset);
  const tail = doc.createRange();
  tail.selectNodeContents(block);
  tail.setStart(range.endContainer, range.endOffset);
  return {
    before: head.toString().slice(-SELECTION_CONTEXT_CHARS),
    after: tail.toString().slice(0, SELECTION_CONTEXT_CHARS),
  };
}

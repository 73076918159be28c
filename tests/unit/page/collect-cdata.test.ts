/**
 * CDATA sections are text the page draws (XHTML pages; a script can import one into an
 * HTML page, and Chromium draws it): the collector, the listing of plain blocks and the
 * strict look must all see them, or text no judge looked at is read as a quotation.
 * linkedom: happy-dom has no CDATA sections. It has no CSS engine either, so the judge
 * here is a hand-written one answering what a browser answers for `b { opacity: 0 }`.
 */
import { describe, expect, it } from 'vitest';
import { DOMParser, parseHTML } from 'linkedom';
import type { Finding } from '../../../src/match/types';
import { collectText, type CollectedText, type CollectOptions } from '../../../src/page/collect-text';
import { rangeForGenerated, spanForOffsets, textSegmentsIn } from '../../../src/page/ranges';
import { createJudgementStore, judgeFindings } from '../../../src/page/rejudge';
import type { StrictJudge } from '../../../src/page/visibility';

/** A page whose <b> holds a CDATA section imported from an XML document, as a page script can. */
function pageWithCdata(body: string, data: string): { doc: Document; cdata: Text } {
  const doc = parseHTML(`<html><body>${body}</body></html>`).document as unknown as Document;
  const xml = new DOMParser().parseFromString(`<x><![CDATA[${data}]]></x>`, 'text/xml') as unknown as Document;
  const cdata = doc.importNode(xml.documentElement.firstChild!, true) as Text;
  expect(cdata.nodeType).toBe(4);
  doc.querySelector('b')!.append(cdata);
  return { doc, cdata };
}

/** What a browser's strict look says of `b { opacity: 0 }`: the text under <b> is hidden. */
const hidesBold: StrictJudge = {
  text: (node) => (node.parentElement?.localName === 'b' ? 'hidden' : 'visible'),
  generated: () => 'visible',
};

function finding(collected: CollectedText, wording: string): Finding {
  const start = collected.text.indexOf(wording);
  expect(start).toBeGreaterThanOrEqual(0);
  return { verdict: 'verified', quoteId: 'q1', score: 1, start, end: start + wording.length, text: wording, diff: [], flags: [] };
}

/** The strict look at the finding, then the collection again with its verdicts (as the scanner does). */
function judgedAndCollectedAgain(doc: Document, collected: CollectedText, wording: string, options: CollectOptions): { changed: boolean; text: string } {
  const store = createJudgementStore();
  const changed = judgeFindings(collected, [finding(collected, wording)], hidesBold, store, new Set());
  const again = collectText(doc, { ...options, judgements: store.judgements, judged: store.carried });
  return { changed, text: again.text };
}

describe('CDATA sections', () => {
  const QUOTE = 'We will not negotiate under pressure.';

  it('in a plain block (read whole): listed, judged, and left out once found hidden', () => {
    // The review's page (less its ::before, which linkedom does not draw).
    const { doc, cdata } = pageWithCdata('<p class="q">We will <b></b>negotiate under pressure.</p>', 'not ');
    const collected = collectText(doc);
    expect(collected.text).toBe(QUOTE);
    // The walk reads what textContent reads.
    expect(collectText(doc, { wholeBlocks: false }).text).toBe(QUOTE);
    const at = collected.text.indexOf('not ');
    const nodes = textSegmentsIn(collected, 0, collected.text.length);
    expect(nodes).not.toBeNull();
    expect(nodes!.map((s) => s.node)).toContain(cdata);
    expect(spanForOffsets(collected, at, at + 4)?.startNode).toBe(cdata);
    const { changed, text } = judgedAndCollectedAgain(doc, collected, QUOTE, {});
    expect(changed).toBe(true);
    expect(text).toBe('We will negotiate under pressure.');
  });

  it('in a walked block: read as the reader reads it, and judged', () => {
    const { doc, cdata } = pageWithCdata('<p>He said: I did <b></b>say it.</p>', 'not ');
    const options: CollectOptions = { wholeBlocks: false };
    const collected = collectText(doc, options);
    expect(collected.text).toBe('He said: I did not say it.');
    const at = collected.text.indexOf('not ');
    expect(textSegmentsIn(collected, at, at + 4)!.map((s) => s.node)).toEqual([cdata]);
    const { changed, text } = judgedAndCollectedAgain(doc, collected, 'I did not say it.', options);
    expect(changed).toBe(true);
    expect(text).toBe('He said: I did say it.');
  });
});

describe('a finding over text no node can be found for', () => {
  it('is judged unsettled (the page is collected again) rather than skipped', () => {
    const doc = parseHTML('<html><body><p>We will <b>not </b>negotiate under pressure.</p></body></html>').document as unknown as Document;
    const collected = collectText(doc);
    // The page changes the block after it was read: its nodes no longer add up to the text read.
    doc.querySelector('b')!.firstChild!.textContent = 'never ';
    const f = finding(collected, 'We will not negotiate under pressure.');
    expect(textSegmentsIn(collected, f.start, f.end)).toBeNull();
    const neverHides: StrictJudge = { text: () => 'visible', generated: () => 'visible' };
    expect(judgeFindings(collected, [f], neverHides, createJudgementStore(), new Set())).toBe(true);
  });

  it('is not anchored on generated text next to it (only a span of generated text alone is)', () => {
    const doc = parseHTML('<html><body><p>will <b>not </b>negotiate under pressure.</p></body></html>').document as unknown as Document;
    const p = doc.querySelector('p')!;
    const read = collectText(doc);
    // As a browser collects it with `p::before { content: "We " }` (linkedom draws no generated content).
    const collected: CollectedText = {
      ...read,
      text: `We ${read.text}`,
      segments: read.segments.map((s) => ({ ...s, start: s.start + 3, end: s.end + 3 })),
      generated: [{ element: p, kind: 'before', start: 0, end: 3 }],
    };
    doc.querySelector('b')!.firstChild!.textContent = 'never ';
    expect(rangeForGenerated(collected, 0, collected.text.length)).toBeNull();
    expect(rangeForGenerated(collected, 0, 2)).not.toBeNull();
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, collectText } from '../../../src/page/collect-text';
import {
  firstSegmentEndingAfter,
  lastSegmentStartingBefore,
  rangeForOffsets,
  spanForOffsets,
} from '../../../src/page/ranges';

afterEach(() => {
  document.body.innerHTML = '';
});

function setup(html: string) {
  document.body.innerHTML = html;
  return collectText(document);
}

describe('segment search', () => {
  const segments = [
    { start: 0, end: 5 },
    { start: 7, end: 10 },
    { start: 10, end: 14 },
  ].map((s) => ({ ...s, node: null as unknown as Text }));

  it('finds the segment holding or following an offset', () => {
    expect(firstSegmentEndingAfter(segments, 0)).toBe(0);
    expect(firstSegmentEndingAfter(segments, 4)).toBe(0);
    expect(firstSegmentEndingAfter(segments, 5)).toBe(1); // in the gap: the next segment
    expect(firstSegmentEndingAfter(segments, 10)).toBe(2);
    expect(firstSegmentEndingAfter(segments, 14)).toBe(3);
  });

  it('finds the segment holding or preceding an end offset', () => {
    expect(lastSegmentStartingBefore(segments, 14)).toBe(2);
    expect(lastSegmentStartingBefore(segments, 10)).toBe(1);
    expect(lastSegmentStartingBefore(segments, 7)).toBe(0); // end in the gap: the previous segment
    expect(lastSegmentStartingBefore(segments, 0)).toBe(-1);
  });
});

describe('rangeForOffsets', () => {
  it('maps a quotation split across inline elements to one range over the right characters', () => {
    const collected = setup('<p>He said: “We <em>will not</em> <a href="#">negotiate</a> now.”</p>');
    const wording = 'We will not negotiate';
    const start = collected.text.indexOf(wording);
    const range = rangeForOffsets(collected, start, start + wording.length)!;
    expect(range).not.toBeNull();
    expect(range.toString()).toBe(wording);
    expect(range.startContainer).toBe(document.querySelector('p')!.firstChild);
    expect(range.endContainer).toBe(document.querySelector('a')!.firstChild);
  });

  it('moves offsets that fall on an inserted block separator inward', () => {
    const collected = setup('<p>First para.</p><p>Second para.</p>');
    const sep = collected.text.indexOf(BLOCK_SEPARATOR);
    const span = spanForOffsets(collected, sep, collected.text.length)!;
    expect(span.startNode.data).toBe('Second para.');
    expect(span.startOffset).toBe(0);
    const back = spanForOffsets(collected, 0, sep + 1)!;
    expect(back.endNode.data).toBe('First para.');
    expect(back.endOffset).toBe('First para.'.length);
    expect(spanForOffsets(collected, sep, sep + BLOCK_SEPARATOR.length)).toBeNull();
  });

  it('gives no range for empty or out-of-text spans', () => {
    const collected = setup('<p>Short.</p>');
    expect(rangeForOffsets(collected, 3, 3)).toBeNull();
    expect(rangeForOffsets(collected, 100, 120)).toBeNull();
  });

  it('drops a range whose text node was edited since collection', () => {
    const collected = setup('<p>The words <b>as said</b> then.</p>');
    document.querySelector('b')!.firstChild!.textContent = 'as NOT said';
    const start = collected.text.indexOf('words');
    expect(rangeForOffsets(collected, start, start + 'words as said'.length)).toBeNull();
    // A span not touching the edited node still maps.
    expect(rangeForOffsets(collected, start, start + 'words'.length)?.toString()).toBe('words');
  });

  it('drops a range whose text node left the document', () => {
    const collected = setup('<p id="a">Removed quote.</p><p>Kept.</p>');
    document.getElementById('a')!.remove();
    expect(rangeForOffsets(collected, 0, 'Removed quote.'.length)).toBeNull();
    const kept = collected.text.indexOf('Kept.');
    expect(rangeForOffsets(collected, kept, kept + 5)?.toString()).toBe('Kept.');
  });

  it('maps into open shadow roots', () => {
    document.body.innerHTML = '<x-card></x-card>';
    const shadow = document.querySelector('x-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>“Inside the shadow.”</p>';
    const collected = collectText(document);
    const range = rangeForOffsets(collected, 1, 19)!;
    expect(range.toString()).toBe('Inside the shadow.');
    expect(range.startContainer.getRootNode()).toBe(shadow);
  });
});

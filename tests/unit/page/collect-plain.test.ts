// @vitest-environment happy-dom
/**
 * Plain blocks read whole (collect-text.ts plainText, issue 16) must give exactly the
 * collection a walk of every text node gives: same text, unjudged and generated spans,
 * and the same text nodes at the same offsets once listed (blockTextNodes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PLAIN_ELEMENTS, blockTextNodes, collectText, isBlockSegment, type CollectedText, type CollectOptions, type TextJudgements } from '../../../src/page/collect-text';
import { rangeForOffsets, textSegmentsIn } from '../../../src/page/ranges';
import { comparableCollection, rng } from './scan-fixtures';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const comparable = comparableCollection;

function expectSame(options: CollectOptions = {}): CollectedText {
  const whole = collectText(document, options);
  const walked = collectText(document, { ...options, wholeBlocks: false });
  expect(comparable(whole)).toEqual(comparable(walked));
  return whole;
}

/** Inline content, plain and not: what a block of a news page (or a hostile one) holds. */
const PIECES = [
  'words said ',
  '“we will not yield” ',
  '   ',
  '\n  ',
  '',
  '[3] ',
  'evil\u202E reversed ',
  '<em>emphasis</em> ',
  '<strong>strong <em>nested</em></strong> ',
  '<a href="#s">in-page link</a> ',
  '<a href="#n">[1]</a>',
  '<a href="/x" title="t">link</a> ',
  '<a href="/x" class="c">classed link</a> ',
  '<a href="/x" hidden>hidden link</a>',
  '<em data-x="1">attributed em</em> ',
  '<em style="display:none">display none</em>',
  '<span>a span</span> ',
  '<span style="visibility:hidden">hidden span</span>',
  '<sup>2</sup>',
  '<sup class="reference">[4]</sup>',
  '<br>',
  '<q>quoted</q> ',
  '<bdo dir="rtl">reversed</bdo> ',
  '<script>var x = "not prose";</script>',
  '<!-- a comment -->',
  '<code>code</code> ',
  '<p>a nested block</p>',
  '<textarea readonly>value</textarea>',
  '<svg><text>drawn</text></svg>',
];
const BLOCKS = ['p', 'li', 'div', 'h2', 'blockquote', 'td'];

function randomPage(r: () => number): string {
  const blocks: string[] = [];
  const count = 1 + Math.floor(r() * 8);
  for (let b = 0; b < count; b++) {
    const tag = BLOCKS[Math.floor(r() * BLOCKS.length)]!;
    let inner = '';
    const pieces = Math.floor(r() * 6);
    for (let i = 0; i < pieces; i++) {
      // Plain pieces most of the time, so most blocks are read whole.
      const from = r() < 0.6 ? 0 : 4;
      inner += PIECES[from + Math.floor(r() * (from === 0 ? 2 : PIECES.length - from))]!;
    }
    const attrs = r() < 0.2 ? ' class="c"' : r() < 0.05 ? ' style="display:none"' : '';
    blocks.push(tag === 'li' ? `<ul><li${attrs}>${inner}</li></ul>` : tag === 'td' ? `<table><tr><td${attrs}>${inner}</td></tr></table>` : `<${tag}${attrs}>${inner}</${tag}>`);
  }
  return blocks.join(r() < 0.5 ? '\n' : '');
}

describe('plain blocks read whole', () => {
  it('give the collection a walk of every text node gives, on 300 random pages', () => {
    const r = rng(16);
    let whole = 0;
    for (let run = 0; run < 300; run++) {
      document.body.innerHTML = randomPage(r);
      const collected = expectSame();
      whole += collected.segments.filter(isBlockSegment).length;
    }
    // The fast path ran (not only the walk compared with itself).
    expect(whole).toBeGreaterThan(200);
  });

  it('walks, node by node, the blocks holding a text node the strict judge did not find visible', () => {
    const r = rng(7);
    for (let run = 0; run < 100; run++) {
      document.body.innerHTML = randomPage(r);
      const texts: Text[] = [];
      const walker = document.createTreeWalker(document.body, 4);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const judgements: TextJudgements = new WeakMap();
      const judged: Node[] = [];
      for (const t of texts) {
        if (r() < 0.2) {
          judgements.set(t, r() < 0.5 ? 'hidden' : 'order');
          judged.push(t);
        }
      }
      expectSame({ judgements, judged });
    }
  });

  it('list, span by span in any order, the nodes a whole listing gives', () => {
    const r = rng(11);
    for (let run = 0; run < 100; run++) {
      document.body.innerHTML = randomPage(r);
      const bySpans = collectText(document);
      const whole = textSegmentsIn(collectText(document), 0, bySpans.text.length) ?? [];
      for (let k = 0; k < 10; k++) {
        const a = Math.floor(r() * bySpans.text.length);
        const b = a + Math.floor(r() * 40);
        const expected = whole.filter((s) => s.end > a && s.start < b).map((s) => [s.node, s.start, s.end]);
        expect((textSegmentsIn(bySpans, a, b) ?? []).map((s) => [s.node, s.start, s.end])).toEqual(expected);
      }
    }
  });

  it('stop at maxChars where the walk does', () => {
    document.body.innerHTML = '<p>aaaa <em>aa</em></p><p>bbbb <em>bb</em></p><p>cccc</p>';
    for (let max = 1; max < 30; max++) expectSame({ maxChars: max });
  });

  it('are not read whole where the text starts with whitespace (the walk drops a leading whitespace-only node)', () => {
    document.body.innerHTML = '<p> <em>lead</em> text</p><p>\n<em>x</em></p>';
    const collected = expectSame();
    expect(collected.segments.some(isBlockSegment)).toBe(false);
  });

  it('list their text nodes only when asked, and map a quotation across them', () => {
    document.body.innerHTML = '<p>He said: “We <em>will not</em> <a href="/x">negotiate</a> now.”</p>';
    const collected = collectText(document);
    const block = collected.segments[0]!;
    expect(isBlockSegment(block) && block.nodes.list).toBeFalsy();
    const start = collected.text.indexOf('We will');
    const range = rangeForOffsets(collected, start, start + 'We will not negotiate'.length)!;
    expect(range.toString()).toBe('We will not negotiate');
    // Listed as far as the quotation goes: four of its five text nodes.
    expect(isBlockSegment(block) && block.nodes.list?.length).toBe(4);
    expect(textSegmentsIn(collected, 0, collected.text.length)).toHaveLength(5);
  });

  it('are walked (the walk yields, the look at their elements does not) past MAX_PLAIN_ELEMENTS elements', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i} <em>e${i}</em>`).join(' ');
    document.body.innerHTML = `<p>${words(MAX_PLAIN_ELEMENTS)}.</p><p>${words(MAX_PLAIN_ELEMENTS + 1)}.</p>`;
    const collected = expectSame();
    expect(collected.segments.filter(isBlockSegment).map((s) => s.block)).toEqual([document.querySelector('p')]);
  });

  it('hand out their one list of nodes, not a copy per finding, wherever the block starts', () => {
    document.body.innerHTML = '<p>First block.</p><p>He said: “We <em>will not</em> negotiate.” Then <em>he</em> left.</p>';
    const collected = collectText(document);
    const block = collected.segments[1]!;
    if (!isBlockSegment(block)) throw new Error('the second paragraph is not read whole');
    expect(block.start).toBeGreaterThan(0);
    const first = blockTextNodes(block, collected.text);
    expect(blockTextNodes(block, collected.text).list).toBe(first.list);
    // Offsets from the block's start; textSegmentsIn gives them in the collected text.
    expect(first.list[0]!.start).toBe(0);
    const at = collected.text.indexOf('will not');
    expect(textSegmentsIn(collected, at, at + 8)!.map((s) => [s.node.data, s.start])).toEqual([['will not', at]]);
  });

  it('map no range over text the page inserted into the block since it was read', () => {
    document.body.innerHTML = '<p>One <em>two</em> three four.</p>';
    const collected = collectText(document);
    document.querySelector('em')!.after(document.createTextNode(' INSERTED'));
    const text = collected.text;
    // Across the point of insertion: refused. Either side of it: still mapped.
    expect(rangeForOffsets(collected, text.indexOf('two'), text.indexOf('three') + 5)).toBeNull();
    expect(rangeForOffsets(collected, 0, text.indexOf('two') + 3)?.toString()).toBe('One two');
    expect(rangeForOffsets(collected, text.indexOf('three'), text.length)?.toString()).toBe(' three four.'.trimStart());
  });
});

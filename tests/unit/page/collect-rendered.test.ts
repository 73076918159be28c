// @vitest-environment happy-dom
/**
 * What the collector reads beyond text nodes (SVG text, closed shadow roots,
 * bidi overrides, generated content) and what the strict judge hides. happy-dom
 * has computed styles but no layout: the layout checks run in the e2e suite
 * (tests/e2e/hostile-render.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { BLOCK_SEPARATOR, collectText, generatedText, pseudoCandidates } from '../../../src/page/collect-text';
import { createJudgementStore, judgeFindings } from '../../../src/page/rejudge';
import { contrast, createStrictJudge, parseColor } from '../../../src/page/visibility';
import type { Finding } from '../../../src/match/types';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

function page(html: string, css = ''): Document {
  document.head.innerHTML = css ? `<style>${css}</style>` : '';
  document.body.innerHTML = html;
  return document;
}

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('SVG text', () => {
  it('reads <text> and <tspan>, not titles, descriptions or definitions', () => {
    const { document: doc } = parseHTML(`<html><body><p>Before.</p><svg>
      <title>Chart title</title><desc>Described</desc><defs><text id="d">defined</text></defs>
      <text x="0" y="10">We will <tspan>not</tspan> give up</text></svg></body></html>`);
    expect(collectText(doc as unknown as Document).text).toBe(`Before.${BLOCK_SEPARATOR}We will not give up`);
  });

  it('flags tspans placed by their own coordinates: their drawn order is not the document’s', () => {
    const { document: doc } = parseHTML(
      '<html><body><svg><text><tspan x="50">give up</tspan> <tspan x="0">we will</tspan></text></svg></body></html>',
    );
    const collected = collectText(doc as unknown as Document);
    expect(collected.unjudged.map((u) => [slice(collected.text, u), u.reason])).toEqual([
      ['give up', 'order'],
      ['we will', 'order'],
    ]);
  });
});

describe('closed shadow roots', () => {
  it('reads what a closed root renders, not the host’s light DOM, when given the way to open it (and, on a host with light content, told to ask)', () => {
    const doc = page('<p>Before.</p><div id="host"><p>Light words</p></div>');
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.innerHTML = '<p>Rendered words</p>';
    expect(collectText(doc).text).toContain('Light words');
    // A host with light content is asked once the strict look found it (tests/unit/page/shadow-hosts.test.ts).
    const collected = collectText(doc, { shadowRootOf: (el) => (el === host ? shadow : null), shadowHosts: new WeakSet([host]) });
    expect(collected.text).toBe(`Before.${BLOCK_SEPARATOR}Rendered words`);
    expect(collected.shadowRoots).toContain(shadow);
  });
});

describe('bidi overrides', () => {
  it('flags text from a U+202E override to the end of its block, and <bdo dir=rtl>', () => {
    const doc = page('<p>He said “we will \u202Etpecca\u202C <em>it</em>” today.</p><p>Next.</p><p><bdo dir="rtl">reversed</bdo></p>');
    const collected = collectText(doc);
    const flagged = collected.unjudged.map((u) => [slice(collected.text, u), u.reason]);
    expect(flagged).toEqual([
      ['\u202Etpecca\u202C ', 'bidi'],
      ['it', 'bidi'],
      ['” today.', 'bidi'],
      ['reversed', 'bidi'],
    ]);
  });
});

describe('generated content', () => {
  it('reads strings, quotes and attributes from a computed content value, not counters or icon glyphs', () => {
    const el = document.createElement('span');
    el.setAttribute('data-w', 'not');
    expect(generatedText('"We will " attr(data-w) " give up"', el)).toBe('We will not give up');
    expect(generatedText('open-quote "a\\"b" close-quote', el)).toBe('“a"b”');
    expect(generatedText('counter(item) ". "', el)).toBe('. ');
    // The space after a hexadecimal escape ends it and is not text.
    expect(generatedText('"caf\\e9  x"', el)).toBe('café x');
  });
});

describe('the strict judge (style checks; layout is checked in the browser)', () => {
  const finding = (text: string, whole: string): Finding => {
    const start = whole.indexOf(text);
    return { verdict: 'verified', quoteId: 'q_1', score: 1, start, end: start + text.length, text, diff: [], flags: [] };
  };

  it.each([
    ['opacity 0 on an ancestor', '<div style="opacity:0"><p><span>secret</span></p></div>'],
    ['a tiny font', '<span style="font-size:1px">secret</span>'],
    ['transparent text', '<span style="color:transparent">secret</span>'],
    ['a closed dialog', '<dialog>secret</dialog>'],
    ['filter opacity(0)', '<span style="filter:opacity(0)">secret</span>'],
    ['a stylesheet rule on a tag', '<article><section>secret</section></article>', 'article section { display: none }'],
    ['content-visibility hidden', '<div style="content-visibility:hidden"><p>secret</p></div>'],
    ['clip-path inset(50%)', '<span style="clip-path:inset(50%)">secret</span>'],
    ['text-indent off the page', '<div style="text-indent:-9999px">secret</div>'],
    // Colours, transforms and overflow boxes: happy-dom computes none of them; tests/e2e/hostile-render.test.ts covers them.
  ])('hides %s', (_, html, css = '') => {
    const doc = page(`<p>Shown “we will</p>${html}<p>not go”.</p>`, css);
    const judge = createStrictJudge(doc)!;
    const node = Array.from(doc.body.querySelectorAll('*'))
      .flatMap((e) => Array.from(e.childNodes))
      .find((n) => n.nodeType === 3 && (n as Text).data === 'secret') as Text;
    expect(judge.text(node)).toBe('hidden');
    // Shown text stays visible.
    expect(judge.text(doc.body.querySelector('p')!.firstChild as Text)).toBe('visible');
  });

  it.each([
    ['a CSS bidi override', '<span style="unicode-bidi:bidi-override;direction:rtl">secret</span>', 'bidi'],
    ['flexbox order', '<div style="display:flex"><span style="order:2">secret</span><span>b</span></div>', 'order'],
    ['a reversed flex direction', '<div style="display:flex;flex-direction:row-reverse"><span>secret</span><span>b</span></div>', 'order'],
    ['a clip-path shape', '<span style="clip-path:polygon(0 0, 50% 0, 50% 100%)">secret</span>', 'style'],
  ])('cannot judge %s', (_, html, reason) => {
    const doc = page(html);
    const node = Array.from(doc.body.querySelectorAll('span'))
      .map((e) => e.firstChild)
      .find((n) => n?.nodeType === 3 && (n as Text).data === 'secret') as Text;
    expect(createStrictJudge(doc)!.text(node)).toBe(reason);
  });

  it('judges the text of quotation findings and has the collector leave hidden text out next time', () => {
    const doc = page('<p>He said “we will <span style="opacity:0">not </span>give up” today.</p>');
    const first = collectText(doc);
    expect(first.text).toBe('He said “we will not give up” today.');
    const store = createJudgementStore();
    const judge = createStrictJudge(doc)!;
    const seen = new Set<Node>();
    const f = finding('we will not give up', first.text);
    expect(judgeFindings(first, [f], judge, store, seen)).toBe(true);
    expect(store.carried.size).toBe(1);
    const second = collectText(doc, { judgements: store.judgements });
    expect(second.text).toBe('He said “we will give up” today.');
    // Judged already: no change, no further round.
    expect(judgeFindings(second, [finding('we will give up', second.text)], judge, store, seen)).toBe(false);
  });

  it('reports a finding over reordered text as unjudged spans in the next collection', () => {
    const doc = page('<p>He said “<span style="unicode-bidi:bidi-override;direction:rtl">pu evig</span> we will” today.</p>');
    const first = collectText(doc);
    const store = createJudgementStore();
    expect(judgeFindings(first, [finding('pu evig we will', first.text)], createStrictJudge(doc)!, store, new Set())).toBe(true);
    const second = collectText(doc, { judgements: store.judgements });
    expect(second.unjudged.map((u) => [slice(second.text, u), u.reason])).toEqual([['pu evig', 'bidi']]);
  });

  it('leaves findings with no corpus quotation unjudged (they are never verified anyway)', () => {
    const doc = page('<p>“<span style="opacity:0">x</span>”</p>');
    const collected = collectText(doc);
    const f = { ...finding('x', collected.text), quoteId: undefined, verdict: 'unverified' as const };
    expect(judgeFindings(collected, [f], createStrictJudge(doc)!, createJudgementStore(), new Set())).toBe(false);
  });
});

describe('colours', () => {
  it('parses computed colours and measures contrast', () => {
    expect(parseColor('rgb(255, 0, 10)')).toEqual({ r: 255, g: 0, b: 10, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0)')?.a).toBe(0);
    expect(parseColor('rgb(1 2 3 / 50%)')).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(parseColor('transparent')?.a).toBe(0);
    expect(parseColor('color(srgb 1 0 0)')).toBeNull();
    const white = { r: 255, g: 255, b: 255, a: 1 };
    expect(contrast(white, { r: 0, g: 0, b: 0, a: 1 })).toBeCloseTo(21);
    expect(contrast(white, white)).toBe(1);
  });
});

describe('pseudoCandidates', () => {
  it('names the elements a rule with non-empty ::before/::after content matches, and every <q>', () => {
    const doc = page(
      '<p class="icon">a</p><p class="cf">b</p><blockquote>c</blockquote><q>d</q><div><span>e</span></div>',
      '.cf::after { content: ""; display: table } .icon::before { content: "x" } blockquote:before { content: "“" } div > ::after { content: "!" }',
    );
    const names = [...pseudoCandidates(doc)!].map((el) => el.className || el.localName).sort();
    expect(names).toEqual(['blockquote', 'icon', 'q', 'span']);
  });

  it('reads rules inside @media and @supports', () => {
    const doc = page('<p class="m">a</p>', '@media screen { @supports (display: grid) { .m::after { content: "y" } } }');
    expect([...pseudoCandidates(doc)!].map((el) => el.className)).toEqual(['m']);
  });
});

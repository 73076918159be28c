// @vitest-environment happy-dom
/**
 * Link text a `:visited` (or `:link`) rule may draw unreadable once the link is
 * visited (src/page/visited.ts, through the strict judge): browsers tell scripts
 * the unvisited colours, so the judge reads the page's rules. happy-dom has
 * computed styles and style sheets but no `:any-link` and no canvas: colours
 * here are `rgb()`, and the reader falls back to `:is(a, area)[href]`; nor
 * `:link`, so the `:link` case (white links dark only while unvisited) is in
 * tests/e2e/hostile-render.test.ts, with what the browsers really draw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createStrictJudge } from '../../../src/page/visibility';

afterEach(() => {
  document.adoptedStyleSheets = [];
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const WHITE = 'rgb(255, 255, 255)';
const INK = 'rgb(17, 17, 17)';

/** The page's body on white with dark text, `css` in a <style>; returns the verdict on the text of `#w`. */
function judgeWord(css: string, html: string): string {
  document.head.innerHTML = `<style>body { background-color: ${WHITE}; color: ${INK} } ${css}</style>`;
  document.body.innerHTML = html;
  return judgeText(document.getElementById('w')!.firstChild as Text);
}

function judgeText(node: Text): string {
  return createStrictJudge(document)!.text(node);
}

const LINKED = '<p>We will <a id="w" href="">not</a> respond.</p>';

describe('the strict judge on link text and :visited rules', () => {
  it('a visited colour the colour of the background: unjudged (`visited`)', () => {
    expect(judgeWord(`a:visited { color: ${WHITE} }`, LINKED)).toBe('visited');
  });

  it('an innocent visited colour: visible (a link in a quotation stays verifiable)', () => {
    expect(judgeWord('a:visited { color: rgb(128, 0, 128) }', LINKED)).toBe('visible');
    expect(judgeWord('a:link { color: rgb(6, 69, 173) } a:visited { color: rgb(11, 0, 128) }', LINKED)).toBe('visible');
  });

  it('a rule the cascade overrides in both states does not count (only what visiting adds)', () => {
    const css = `a { color: ${WHITE} } article a { color: rgb(6, 69, 173) } a:visited { color: rgb(128, 0, 128) }`;
    expect(judgeWord(css, `<article>${LINKED}</article>`)).toBe('visible');
  });

  it('no rule naming a link state: visible, whatever else sets the link colour', () => {
    expect(judgeWord(`a { color: rgb(6, 69, 173) } nav a { color: ${WHITE} }`, LINKED)).toBe('visible');
  });

  it('not a link: a :visited rule has no effect on it', () => {
    expect(judgeWord(`a:visited, span:visited, :visited span { color: ${WHITE} }`, '<p>We will <span id="w">not</span> respond.</p>')).toBe('visible');
  });

  it('a rule on an element inside the link (`a:visited span`) and on the link’s pseudo-element', () => {
    expect(judgeWord(`a:visited span { color: ${WHITE} }`, '<p>We will <a href=""><span id="w">not</span></a> respond.</p>')).toBe('visited');
    expect(judgeWord(`a:visited::first-line { color: ${WHITE} }`, LINKED)).toBe('visited');
  });

  it('a visited background the colour of the text, only where the link has a background of its own (alpha comes from it)', () => {
    expect(judgeWord(`a { background-color: ${WHITE} } a:visited { background-color: ${INK} }`, LINKED)).toBe('visited');
    expect(judgeWord(`a { background-color: transparent } a:visited { background-color: ${INK} }`, LINKED)).toBe('visible');
  });

  it('values browsers draw as the unvisited colour (transparent, `background: none`) or as the text colour (`fill: currentcolor`)', () => {
    // `background: none` sets background-color to `initial` in browsers (happy-dom says `none`).
    expect(judgeWord('a { background-color: rgb(238, 238, 238) } a:visited { background-color: initial; fill: currentcolor }', LINKED)).toBe('visible');
    expect(judgeWord(`a:visited { color: rgba(255, 255, 255, 0); background-color: inherit }`, LINKED)).toBe('visible');
  });

  it('a visited text colour `revert` (the browser’s own visited colour) is not resolved: unjudged; a background’s is not drawn', () => {
    // Chromium and Firefox draw it #551a8b: on that background the word is gone (tests/e2e/hostile-render.test.ts).
    const purple = 'body { background-color: rgb(85, 26, 139) }';
    expect(judgeWord(`${purple} a { color: ${WHITE} } a:visited { color: revert }`, LINKED)).toBe('visited');
    expect(judgeWord(`a { background-color: rgb(238, 238, 238) } a:visited { background-color: revert }`, LINKED)).toBe('visible');
  });

  // (-webkit-text-stroke-color, which happy-dom drops: tests/e2e/hostile-render.test.ts.)
  it('a visited stroke the colour of the background (a wide stroke is drawn over the letters)', () => {
    expect(judgeWord(`a:visited text { stroke: ${WHITE} }`, '<p>We will <svg><a href=""><text id="w">not</text></a></svg> respond.</p>')).toBe('visited');
  });

  it('a custom property, read from the element', () => {
    // On the link itself: happy-dom does not inherit custom properties.
    expect(judgeWord(`a { --paper: ${WHITE} } a:visited { color: var(--paper) }`, LINKED)).toBe('visited');
    expect(judgeWord(`a:visited { color: var(--nowhere) }`, LINKED)).toBe('visited');
  });

  it('inside @media that applies, not inside @media that does not', () => {
    expect(judgeWord(`@media screen { a:visited { color: ${WHITE} } }`, LINKED)).toBe('visited');
    expect(judgeWord(`@media print { a:visited { color: ${WHITE} } }`, LINKED)).toBe('visible');
  });

  // happy-dom's shadow roots have adopted sheets but no `styleSheets` (their <style>s: tests/e2e).
  it('a shadow root’s own (adopted) sheet, for a link inside it; the document’s rules do not reach in', () => {
    document.head.innerHTML = `<style>body { background-color: ${WHITE}; color: ${INK} }</style>`;
    document.body.innerHTML = '<p>We will <span id="host"></span> respond.</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="">not</a>';
    const word = shadow.querySelector('a')!.firstChild as Text;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`a:visited { color: ${WHITE} }`);
    document.adoptedStyleSheets = [sheet];
    expect(judgeText(word)).toBe('visible');
    document.adoptedStyleSheets = [];
    shadow.adoptedStyleSheets = [sheet];
    expect(judgeText(word)).toBe('visited');
  });

  // happy-dom drops `::slotted()` and `::part()` rules when it parses a sheet, and has no `assignedSlot`:
  // here they are given as a browser reports them (what browsers draw: tests/e2e/hostile-render.test.ts).
  /** A sheet holding one rule `selector { color: white }`, as a browser lists it. */
  function sheetOf(selector: string): CSSStyleSheet {
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(`x { color: ${WHITE} }`);
    const rule = { selectorText: selector, style: (parsed.cssRules[0] as CSSStyleRule).style };
    return { cssRules: [rule], disabled: false, media: { mediaText: '' } } as unknown as CSSStyleSheet;
  }

  it('a ::slotted(a:visited) rule of the shadow root a link is slotted into: unjudged; a link slotted elsewhere: visible', () => {
    judgeWord('', '<p>We will <span id="host"><a href=""><b id="w">not</b></a></span> respond <span id="plain"><a id="other" href="">here</a></span>.</p>');
    for (const [host, sheets] of [['host', [sheetOf('::slotted(a:visited)')]], ['plain', []]] as const) {
      const shadow = document.getElementById(host)!.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<slot></slot>';
      Object.defineProperty(shadow, 'adoptedStyleSheets', { value: sheets });
      Object.defineProperty(document.getElementById(host)!.querySelector('a')!, 'assignedSlot', { value: shadow.querySelector('slot') });
    }
    expect(judgeText(document.getElementById('w')!.firstChild as Text)).toBe('visited');
    expect(judgeText(document.getElementById('other')!.firstChild as Text)).toBe('visible');
  });

  it('a ::part(…):visited rule of the document, for a link that is a part: unjudged; the shadow root’s other link: visible', () => {
    judgeWord('', '<p>We will <span id="host"></span> respond <b id="w">here</b>.</p>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a part="word" href="">not</a> <a href="">now</a>';
    Object.defineProperty(document, 'adoptedStyleSheets', { configurable: true, value: [sheetOf('#host::part(word):visited')] });
    try {
      const [part, other] = Array.from(shadow.querySelectorAll('a'), (a) => a.firstChild as Text);
      expect(judgeText(part!)).toBe('visited');
      expect(judgeText(other!)).toBe('visible');
    } finally {
      delete (document as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    }
  });

  it('a sheet that refuses to be read (another origin’s): link text unjudged, other text visible', () => {
    judgeWord('', `${LINKED}<p id="plain">We will not respond.</p>`);
    // What a browser does for another origin's sheet loaded without CORS: `cssRules` throws.
    const refusing = new CSSStyleSheet();
    Object.defineProperty(refusing, 'cssRules', {
      get() {
        throw new DOMException('Cannot access rules', 'SecurityError');
      },
    });
    // Listed in document.styleSheets only (happy-dom's own cascade reads <style> elements, not this list).
    const listed = Array.from(document.styleSheets);
    Object.defineProperty(document, 'styleSheets', { configurable: true, get: () => [...listed, refusing] });
    try {
      expect(judgeText(document.getElementById('w')!.firstChild as Text)).toBe('visited');
      expect(judgeText(document.getElementById('plain')!.firstChild as Text)).toBe('visible');
    } finally {
      delete (document as { styleSheets?: unknown }).styleSheets;
    }
  });

  it('a sheet added after a judgement is read by the next judge (the scanner makes one per look)', () => {
    expect(judgeWord('', LINKED)).toBe('visible');
    const style = document.createElement('style');
    style.textContent = `a:visited { color: ${WHITE} }`;
    document.head.append(style);
    expect(judgeText(document.getElementById('w')!.firstChild as Text)).toBe('visited');
  });

  it('hidden stays hidden: the visited look only settles text judged visible', () => {
    expect(judgeWord(`a:visited { color: ${WHITE} } a { display: none }`, LINKED)).toBe('hidden');
  });
});

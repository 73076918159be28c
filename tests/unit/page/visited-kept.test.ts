// @vitest-environment happy-dom
/**
 * Rechecks between scans keep the page's rules read before (src/page/visited.ts
 * KEEP_FACTOR): what the fingerprint sees (a sheet added, adopted, replaced or enabled, a
 * top-level rule inserted, a media query's answer) is read at once; what it cannot see (a
 * selector edited in place, a rule added inside `@media`) only once the read is
 * KEEP_FACTOR times as old as it took, or at a scan. The clock (`performance.now`) is driven here: each
 * reading of it advances it by TICK_MS, so a read "takes" TICK_MS and is kept
 * TICK_MS * KEEP_FACTOR (2.5 s).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStrictJudge } from '../../../src/page/visibility';

const WHITE = 'rgb(255, 255, 255)';
const INK = 'rgb(17, 17, 17)';
const TICK_MS = 10;
/** Well past TICK_MS * KEEP_FACTOR (and within KEEP_MAX_MS, 10 s). */
const PAST_THE_BOUND_MS = 5_000;

let clock = 0;
beforeEach(() => {
  clock = 1_000_000;
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += TICK_MS));
});

afterEach(() => {
  vi.restoreAllMocks();
  document.adoptedStyleSheets = [];
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** A page whose link `#w` is dark on white; `css` in its first <style>. */
function page(css: string): CSSStyleSheet {
  document.head.innerHTML = `<style>body { background-color: ${WHITE}; color: ${INK} } ${css}</style>`;
  document.body.innerHTML = '<p>We will <a id="w" href="">not</a> respond.</p>';
  return document.styleSheets[0] as CSSStyleSheet;
}

const word = () => document.getElementById('w')!.firstChild as Text;
/** The verdict of a scan's judge (reads the rules afresh). */
const scan = () => createStrictJudge(document)!.text(word());
/** The verdict of a recheck's judge (may keep the rules read before). */
const recheck = () => createStrictJudge(document, true)!.text(word());

/** A rule's selector edited in place (`rule.selectorText = …` in browsers; happy-dom has no setter). */
function editSelector(rule: CSSRule, selector: string): void {
  Object.defineProperty(rule, 'selectorText', { configurable: true, value: selector });
}

const HIDDEN_IF_EDITED = `a.elsewhere:visited { color: ${WHITE} }`;

describe('rules kept from one recheck to the next', () => {
  it('a selector edited in place: not seen by a recheck before the bound, seen after it', () => {
    const sheet = page(HIDDEN_IF_EDITED);
    expect(scan()).toBe('visible');
    editSelector(sheet.cssRules[1]!, 'a:visited');
    expect(recheck()).toBe('visible'); // kept: the fingerprint does not see it
    clock += PAST_THE_BOUND_MS;
    expect(recheck()).toBe('visited');
  });

  it('a rule added inside @media: seen after the bound', () => {
    const sheet = page(`@media screen { b { color: ${INK} } }`);
    expect(scan()).toBe('visible');
    (sheet.cssRules[1] as CSSMediaRule).insertRule(`a:visited { color: ${WHITE} }`, 0);
    expect(recheck()).toBe('visible');
    clock += PAST_THE_BOUND_MS;
    expect(recheck()).toBe('visited');
  });

  it('a read under 1/KEEP_FACTOR of the time between rechecks is done again at every recheck (as with nothing kept)', () => {
    clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1)); // a read of 1 ms: kept 250 ms
    const sheet = page(HIDDEN_IF_EDITED);
    expect(scan()).toBe('visible');
    editSelector(sheet.cssRules[1]!, 'a:visited');
    clock += 1_000; // RECHECK_MS
    expect(recheck()).toBe('visited');
  });

  it('at most KEEP_MAX_MS (10 s) however long a read took', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1_000)); // a read of 1 s: kept 10 s, not 250 s
    const sheet = page(HIDDEN_IF_EDITED);
    expect(scan()).toBe('visible');
    editSelector(sheet.cssRules[1]!, 'a:visited');
    expect(recheck()).toBe('visible');
    clock += 10_000;
    expect(recheck()).toBe('visited');
  });

  it('a scan always reads the rules again, and the rechecks after it keep what it read', () => {
    const sheet = page(HIDDEN_IF_EDITED);
    expect(scan()).toBe('visible');
    expect(recheck()).toBe('visible');
    editSelector(sheet.cssRules[1]!, 'a:visited');
    expect(scan()).toBe('visited');
    expect(recheck()).toBe('visited');
    editSelector(sheet.cssRules[1]!, 'a.elsewhere:visited');
    expect(scan()).toBe('visible');
    expect(recheck()).toBe('visible');
  });

  describe('what the fingerprint sees: read at once by the next recheck', () => {
    /**
     * Kept rules saying "no :visited rule" in use (an edit the fingerprint cannot see is not
     * read), then `change`: the next recheck sees it. `before` prepares the page before its scan.
     */
    function seenAtOnce(change: (sheet: CSSStyleSheet) => void, css = HIDDEN_IF_EDITED, before?: () => void): void {
      const sheet = page(css);
      before?.();
      expect(scan()).toBe('visible');
      expect(recheck()).toBe('visible');
      editSelector(sheet.cssRules[1]!, 'a.still-elsewhere:visited');
      expect(recheck()).toBe('visible');
      change(sheet);
      expect(recheck()).toBe('visited');
    }

    it('a <style> added', () => {
      seenAtOnce(() => document.head.insertAdjacentHTML('beforeend', `<style>a:visited { color: ${WHITE} }</style>`));
    });

    it('a rule inserted at the top level (CSSOM insertRule)', () => {
      seenAtOnce((sheet) => sheet.insertRule(`a:visited { color: ${WHITE} }`, 0));
      seenAtOnce((sheet) => sheet.insertRule(`a:visited { color: ${WHITE} }`, sheet.cssRules.length));
    });

    it('a declaration edited in place (read live from the rules kept)', () => {
      seenAtOnce((sheet) => (sheet.cssRules[2] as CSSStyleRule).style.setProperty('color', WHITE), `${HIDDEN_IF_EDITED} a:visited { color: rgb(128, 0, 128) }`);
    });

    it('a sheet adopted', () => {
      seenAtOnce(() => {
        const adopted = new CSSStyleSheet();
        adopted.replaceSync(`a:visited { color: ${WHITE} }`);
        document.adoptedStyleSheets = [adopted];
      });
    });

    it('an adopted sheet replaced by another of as many rules (the same media, enabled)', () => {
      const adopt = (css: string) => {
        const adopted = new CSSStyleSheet();
        adopted.replaceSync(css);
        document.adoptedStyleSheets = [adopted];
      };
      seenAtOnce(() => adopt(`a:visited { color: ${WHITE} }`), HIDDEN_IF_EDITED, () => adopt(`b { color: ${WHITE} }`));
    });

    it('a disabled sheet enabled', () => {
      const late = () => document.styleSheets[1] as CSSStyleSheet;
      seenAtOnce(
        () => (late().disabled = false),
        HIDDEN_IF_EDITED,
        () => {
          document.head.insertAdjacentHTML('beforeend', `<style>a:visited { color: ${WHITE} }</style>`);
          late().disabled = true;
        },
      );
    });

    it('a media query that starts to match (the viewport narrowed)', () => {
      const width = (w: number) => (window as unknown as { happyDOM: { setInnerWidth(w: number): void } }).happyDOM.setInnerWidth(w);
      try {
        seenAtOnce(() => width(500), `${HIDDEN_IF_EDITED} @media (max-width: 600px) { a:visited { color: ${WHITE} } }`);
      } finally {
        width(1024);
      }
    });
  });

  it('each tree keeps its own rules: a shadow root’s a:visited rule does not reach the document’s link, nor the reverse', () => {
    page('');
    document.body.insertAdjacentHTML('beforeend', '<p><span id="host"></span></p>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="">now</a>';
    const inShadow = shadow.querySelector('a')!.firstChild as Text;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`a:visited { color: ${WHITE} }`);
    shadow.adoptedStyleSheets = [sheet];
    const both = (judge: ReturnType<typeof createStrictJudge>) => [judge!.text(word()), judge!.text(inShadow)];
    expect(both(createStrictJudge(document))).toEqual(['visible', 'visited']);
    expect(both(createStrictJudge(document, true))).toEqual(['visible', 'visited']);
    shadow.adoptedStyleSheets = [];
    document.adoptedStyleSheets = [sheet];
    expect(both(createStrictJudge(document, true))).toEqual(['visited', 'visible']);
  });
});

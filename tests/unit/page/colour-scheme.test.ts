// @vitest-environment happy-dom
/**
 * Pages drawn in a dark colour scheme. The strict judge takes the page's canvas (behind text no
 * element gives a background) as the scheme's: white, or dark (src/page/visibility.ts).
 *
 * A visited colour the colour scheme decides (`Canvas`, `CanvasText`, `initial` text…) on a
 * page that may be drawn dark (src/page/visited.ts): the canvas that resolves declared colours
 * knows only the light scheme, so there they are not resolved and link text is unjudged.
 *
 * happy-dom has no 2D canvas, where every keyword is unresolved anyway: the stand-in below
 * answers as Chromium's OffscreenCanvas does (the light scheme's `Canvas` #ffffff,
 * `CanvasText` #000000). happy-dom drops a declaration whose value is a system colour, so the
 * keywords come through a custom property set on the link (read as written; happy-dom does not
 * inherit them), and computes no `color-scheme`,
 * so the dark pages say so with `<meta name="color-scheme">`; `color-scheme: dark` in CSS, the
 * keywords written out, and what the browsers draw are in tests/e2e/hostile-render.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStrictJudge } from '../../../src/page/visibility';

/** What Chromium's OffscreenCanvas 2D context gives as `fillStyle` for these values. */
const CHROMIUM_FILL: Record<string, string> = { canvas: '#ffffff', canvastext: '#000000', '#010203': '#010203' };

class LightSchemeCanvas {
  getContext() {
    let fill = '#000000';
    return {
      get fillStyle() {
        return fill;
      },
      set fillStyle(value: string) {
        fill = CHROMIUM_FILL[value] ?? fill;
      },
    };
  }
}

beforeAll(() => vi.stubGlobal('OffscreenCanvas', LightSchemeCanvas));
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** The dark scheme's `Canvas` in Chromium. */
const DARK_CANVAS = 'rgb(18, 18, 18)';

function judgeWord(head: string, css: string): string {
  document.head.innerHTML = `${head}<style>a { --canvas: Canvas; --canvas-text: CanvasText } ${css}</style>`;
  document.body.innerHTML = '<p>We will <a id="w" href="">not</a> respond.</p>';
  return createStrictJudge(document)!.text(document.getElementById('w')!.firstChild as Text);
}

const DARK_META = '<meta name="color-scheme" content="dark">';

describe('visited colours the colour scheme decides', () => {
  it('on a page drawn dark: `Canvas` and `initial` text are not resolved (unjudged)', () => {
    expect(judgeWord(DARK_META, `body { background-color: ${DARK_CANVAS}; color: rgb(238, 238, 238) } a:visited { color: var(--canvas) }`)).toBe('visited');
    // `initial` text is CanvasText: white in the dark scheme, on a white page.
    expect(judgeWord('<meta name="COLOR-SCHEME" content="light dark">', 'body { background-color: rgb(255, 255, 255); color: rgb(17, 17, 17) } a:visited { color: initial }')).toBe('visited');
  });

  it('on a light page they are resolved: readable ones stay visible, the background’s own is unjudged', () => {
    const light = 'body { background-color: rgb(255, 255, 255); color: rgb(17, 17, 17) }';
    expect(judgeWord('', `${light} a:visited { color: var(--canvas-text) }`)).toBe('visible');
    expect(judgeWord('<meta name="description" content="a dark tale">', `${light} a:visited { color: initial }`)).toBe('visible');
    expect(judgeWord('', `${light} a:visited { color: var(--canvas) }`)).toBe('visited');
  });

  it('on a page drawn dark, a colour the scheme does not decide is resolved as before', () => {
    expect(judgeWord(DARK_META, `body { background-color: ${DARK_CANVAS}; color: rgb(238, 238, 238) } a:visited { color: rgb(138, 180, 248) }`)).toBe('visible');
    expect(judgeWord(DARK_META, `body { background-color: ${DARK_CANVAS}; color: rgb(238, 238, 238) } a:visited { color: rgb(18, 18, 18) }`)).toBe('visited');
  });
});

describe('the page’s canvas, behind text no element gives a background', () => {
  function judgeBoth(head: string): [string, string] {
    document.head.innerHTML = `${head}<style>p { color: rgb(238, 238, 238) } span { color: ${DARK_CANVAS} }</style>`;
    document.body.innerHTML = '<p>We will <span>not</span> respond.</p>';
    const judge = createStrictJudge(document)!;
    return [judge.text(document.querySelector('span')!.firstChild as Text), judge.text(document.querySelector('p')!.firstChild as Text)];
  }

  it('on a page drawn dark, the dark canvas: text in its colour is hidden, light text visible', () => {
    expect(judgeBoth(DARK_META)).toEqual(['hidden', 'visible']);
  });

  it('on a page offering light and dark, for a reader who prefers light (happy-dom’s default), white', () => {
    expect(judgeBoth('<meta name="color-scheme" content="light dark">')).toEqual(['visible', 'hidden']);
    expect(judgeBoth('')).toEqual(['visible', 'hidden']);
  });
});

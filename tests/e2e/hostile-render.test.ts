/**
 * Hostile pages (issue 12, "Judge the rendered text"): the BUILT test extension
 * in real Chromium (Playwright) and Firefox (puppeteer-core over BiDi) on pages
 * that hide, rewrite or reorder a quotation. The pages are generated here from
 * one corpus quotation and served on 127.0.0.1.
 *
 * - `altered`: the page shows the doctored wording (the dropped "not") while
 *   its DOM holds the genuine words somewhere the reader cannot see, or shows
 *   it where the scan used to miss it: the finding must be *altered*, and no
 *   finding of that quotation *verified*.
 * - `unjudged`: the page draws the genuine characters in another order; the
 *   collector cannot reproduce it, so the finding is not verified and carries
 *   the `rendering` flag.
 * - `frame-silent`: the genuine words sit in a frame the reader cannot see:
 *   that frame reports nothing verified.
 * - `verified`: the control, the genuine wording plainly shown.
 *
 * `:visited` cases: "not" is a link (to the page itself, so visited) that a
 * `:visited` (or `:link`) colour rule draws unreadable. Scripts are told the
 * unvisited colours, so the finding cannot be judged: never verified. Their
 * controls (innocent visited colours) stay verified. A screenshot test checks
 * that each browser really draws the word as the case claims.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness/chromium.ts';
import { launchFirefox, type FirefoxSession } from './harness/firefox.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { waitForScan, type ScannedFinding } from './harness/scan.ts';
import { decodePng, spread } from './harness/png.ts';

const GENUINE = 'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet';
const PRE = 'We have only seen newspaper articles so far, and we will ';
const POST = ' respond to them. We have not seen any texts yet.';
const DOCTORED = `${PRE.trimEnd()}${POST}`;

type Expect = 'verified' | 'altered' | 'unjudged' | 'frame-silent';

interface Case {
  name: string;
  body: string;
  css?: string;
  expect: Expect;
  /** The frame (by window.name) whose scan is judged; the top document otherwise. */
  frame?: string;
}

/** "not" hidden inside the quotation by `open…close`. */
const hiddenNot = (open: string, close: string) => `<p>Peskov said: “${PRE}${open}not${close}${POST}”</p>`;
/** The genuine quotation hidden by `open…close`, the doctored one shown after it. */
const hiddenGenuine = (open: string, close: string) =>
  `${open}<p>Peskov said: “${GENUINE}.”</p>${close}<p>Peskov said: “${DOCTORED}”</p>`;
const shown = (quotation: string) => `<p>Peskov said: “${quotation}”</p>`;
/** Page script: a closed shadow root on the element with id `id`, drawing `html`. */
const closedRoot = (id: string, html: string) =>
  `<script>document.getElementById('${id}').attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(html)};</script>`;
/** Page script: "not" as a CDATA section imported from an XML document into the page's first <b> (Chromium and Firefox draw it). */
const CDATA_NOT = `<script>document.querySelector('article b').append(document.importNode(new DOMParser().parseFromString('<x><![CDATA[not]]></x>', 'application/xml').documentElement.firstChild, true));</script>`;

/**
 * "not" as a link the browser draws unreadable once visited (`hides`), or readable
 * (the controls). `link(word)` is the markup, the element to look at has id `w`.
 * `href=""` is the page itself: visited once it loaded. (`href="#"` is not, in a fresh
 * profile of either browser: measured with this test.)
 */
/** A word whose pixels differ by no more than this (of 255, any channel) is not there to read (antialiasing rounds by 1). */
const UNREADABLE_SPREAD = 8;

interface VisitedCase {
  name: string;
  css: string;
  link: (word: string) => string;
  hides: boolean;
  /** The one browser that draws it so (the other ignores the rule under :visited); the verdict is the same in both. */
  onlyIn?: string;
}
const plainLink = (href: string) => (word: string) => `<a id="w" href="${href}">${word}</a>`;
const VISITED: VisitedCase[] = [
  { name: 'a:visited { color: #fff }', css: 'a:visited { color: #fff }', link: plainLink(''), hides: true },
  { name: 'a:visited { color: white } by a variable', css: ':root { --paper: white } a:visited { color: var(--paper) }', link: plainLink(''), hides: true },
  // Browsers take a visited colour's alpha from the unvisited one: the link needs a background of its own.
  { name: 'a:visited background the colour of the text', css: 'a { color: #111; background-color: #fff } a:visited { background-color: #111 }', link: plainLink(''), hides: true },
  { name: 'white links, dark only while unvisited (a:link)', css: 'article a { color: #fff } article a:link { color: #111 }', link: plainLink(''), hides: true },
  { name: 'a:visited nested in @media and CSS nesting', css: '@media screen { article { & a:visited { color: #fff } } }', link: plainLink(''), hides: true },
  { name: 'a:visited nested without &', css: 'article { p { a:visited { color: #fff } } }', link: plainLink(''), hides: true },
  { name: 'white links, dark only while not visited (:not(:visited))', css: 'article a { color: #fff } article a:not(:visited) { color: #111 }', link: plainLink(''), hides: true },
  { name: 'a:visited { -webkit-text-fill-color: #fff }', css: 'a:visited { -webkit-text-fill-color: #fff }', link: plainLink(''), hides: true, onlyIn: 'Chromium' },
  {
    name: 'a:visited in a shadow root’s sheet',
    css: '',
    link: (word) =>
      `<span id="w"></span><script>document.currentScript.previousElementSibling.attachShadow({ mode: 'open' }).innerHTML = '<style>a:visited { color: #fff }</style><a href="">${word}</a>';</script>`,
    hides: true,
  },
  // <body vlink>: the browser's own visited colour, in no rule: link text unjudged.
  { name: '<body vlink> white, no style rule', css: '', link: (word) => `<a id="w" href="">${word}</a><script>document.body.setAttribute('vlink', '#fff')</script>`, hides: true },
  // A stroke is drawn over the letters: white and wide, it hides them.
  { name: 'a:visited text stroke', css: 'a { -webkit-text-stroke: 3px #111 } a:visited { -webkit-text-stroke-color: #fff }', link: plainLink(''), hides: true, onlyIn: 'Chromium' },
  // Visiting drops the :link rule: the link's own style="" wins.
  { name: 'inline white, dark only by a:link !important', css: 'a:link { color: #111 !important }', link: (word) => `<a id="w" href="" style="color: #fff">${word}</a>`, hides: true },
  // An @scope naming a link state is not read: the tree's link text is unjudged.
  { name: '@scope (a:visited)', css: '@scope (a:visited) { :scope { color: #fff } }', link: plainLink(''), hides: true },
  { name: '@scope to (a:link)', css: '@scope (article) to (a:link) { a { color: #fff } }', link: plainLink(''), hides: true },
  // System colours are resolved in the page's colour scheme, which a script's canvas does not know: where the page
  // may be drawn dark, a visited colour the scheme decides is not resolved (link text unjudged).
  { name: 'a:visited { color: Canvas } on a page drawn dark (color-scheme)', css: ':root { color-scheme: dark } body { background: Canvas; color: CanvasText } a:visited { color: Canvas }', link: plainLink(''), hides: true },
  { name: 'a:visited { color: initial } under <meta name=color-scheme content=dark>', css: 'a:visited { color: initial }', link: (word) => `<meta name="color-scheme" content="dark"><a id="w" href="">${word}</a>`, hides: true },
  { name: 'a:visited { color: light-dark() } on a page drawn dark', css: ':root { color-scheme: dark } a:visited { color: light-dark(#111, #fff) }', link: plainLink(''), hides: true },
  // `revert`: the browser's own visited colour (#551a8b in both), on a background of that colour.
  { name: 'a:visited { color: revert } on the browser’s visited colour', css: 'body { background: #551a8b } a { color: #fff } a:visited { color: revert }', link: plainLink(''), hides: true },
  // Rules of another tree: a shadow root's ::slotted() for a link slotted into it, the document's ::part() for a link that is a part.
  {
    name: '::slotted(a:visited) in the shadow root the link is slotted into',
    css: '',
    link: (word) =>
      `<span id="w"><a href="">${word}</a></span><script>document.currentScript.previousElementSibling.attachShadow({ mode: 'open' }).innerHTML = '<style>::slotted(a:visited) { color: #fff }</style><slot></slot>';</script>`,
    hides: true,
  },
  {
    name: '::part(word):visited in the document, the link a part',
    css: '#w::part(word):visited { color: #fff }',
    link: (word) => `<span id="w"></span><script>document.currentScript.previousElementSibling.attachShadow({ mode: 'open' }).innerHTML = '<a part="word" href="">${word}</a>';</script>`,
    hides: true,
  },
  // Controls: visited colours a reader can read.
  // A transparent visited colour is not drawn: the unvisited one stays (so does a background set only while unvisited).
  { name: 'a:visited { color: transparent } (control)', css: 'a:visited { color: transparent }', link: plainLink(''), hides: false },
  { name: 'a:visited { background: none } (control)', css: 'a { background-color: #eee } a:visited { background: none }', link: plainLink(''), hides: false },
  { name: 'a dark background only while unvisited (a:link), white text (control)', css: 'article a { color: #fff } article a:link { background-color: #111 }', link: plainLink(''), hides: false },
  { name: 'a:visited { color: purple } (control)', css: 'a:visited { color: purple }', link: plainLink(''), hides: false },
  { name: 'a:link and a:visited in blues (control)', css: 'a:link { color: #0645ad } a:visited { color: #0b0080 }', link: plainLink(''), hides: false },
  { name: 'a fixed visited colour on a page drawn dark (control)', css: ':root { color-scheme: dark } body { background: Canvas; color: CanvasText } a:visited { color: #8ab4f8 }', link: plainLink(''), hides: false },
  {
    name: 'a slotted link, ::slotted(a) naming no link state (control)',
    css: '',
    link: (word) =>
      `<span id="w"><a href="">${word}</a></span><script>document.currentScript.previousElementSibling.attachShadow({ mode: 'open' }).innerHTML = '<style>::slotted(a) { color: #0645ad }</style><slot></slot>';</script>`,
    hides: false,
  },
];

const CASES: Case[] = [
  ...VISITED.map((v): Case => ({ name: `:visited: ${v.name}`, css: v.css, body: `<p>Peskov said: “${PRE}${v.link('not')}${POST}”</p>`, expect: v.hides ? 'unjudged' : 'verified' })),
  // The control: the genuine wording, plainly shown, is verified (so the cases below can fail).
  { name: 'the genuine quotation, shown', body: shown(`${GENUINE}.`), expect: 'verified' },
  // The genuine word hidden: the reader sees the doctored quotation.
  { name: 'display:none by a rule on a tag', css: 'article b { display: none }', body: hiddenNot('<b>', '</b>'), expect: 'altered' },
  { name: 'font-size:0 by a rule on a tag', css: 'article i { font-size: 0 }', body: hiddenNot('<i>', '</i>'), expect: 'altered' },
  { name: 'inline font-size:0', body: hiddenNot('<span style="font-size:0">', '</span>'), expect: 'altered' },
  { name: 'color:transparent', body: hiddenNot('<span style="color:transparent">', '</span>'), expect: 'altered' },
  { name: 'colour of the background at a tiny size', body: hiddenNot('<span style="color:#fff;font-size:3px">', '</span>'), expect: 'altered' },
  { name: 'colour of the background', body: hiddenNot('<span style="color:#fefefe">', '</span>'), expect: 'altered' },
  // The page's canvas in a dark colour scheme (no element sets a background): `Canvas` is its colour in each browser.
  // Grey text reads on white and on dark, so only "not" is in doubt.
  { name: 'colour of a dark canvas (color-scheme: dark)', css: ':root { color-scheme: dark } body { background: none; color: #888 }', body: hiddenNot('<span style="color:Canvas">', '</span>'), expect: 'altered' },
  {
    name: 'colour of a dark canvas (<meta name=color-scheme content=dark>)',
    css: 'body { background: none; color: #888 }',
    body: `<meta name="color-scheme" content="dark">${hiddenNot('<span style="color:Canvas">', '</span>')}`,
    expect: 'altered',
  },
  // The control: offering both schemes, read by a browser that prefers light (the tests'), the canvas is white.
  { name: 'dark text on a page offering light and dark, read in light', css: ':root { color-scheme: light dark } body { background: none }', body: shown(`${GENUINE}.`), expect: 'verified' },
  { name: 'opacity:0', body: hiddenNot('<span style="opacity:0">', '</span>'), expect: 'altered' },
  { name: 'clip', body: hiddenNot('<span style="position:absolute;clip:rect(0 0 0 0)">', '</span>'), expect: 'altered' },
  { name: 'clip-path', body: hiddenNot('<span style="clip-path:inset(50%)">', '</span>'), expect: 'altered' },
  { name: 'off-screen positioning', body: hiddenNot('<span style="position:absolute;left:-9999px">', '</span>'), expect: 'altered' },
  { name: 'width:0 with overflow hidden', body: hiddenNot('<span style="display:inline-block;width:0;overflow:hidden">', '</span>'), expect: 'altered' },
  { name: 'transform: scale(0)', body: hiddenNot('<span style="display:inline-block;transform:scale(0)">', '</span>'), expect: 'altered' },
  { name: 'content-visibility:hidden', body: hiddenNot('<span style="display:inline-block;content-visibility:hidden">', '</span>'), expect: 'altered' },
  { name: 'visibility:hidden', body: hiddenNot('<span style="visibility:hidden">', '</span>'), expect: 'altered' },
  { name: 'the hidden attribute', body: hiddenNot('<span hidden>', '</span>'), expect: 'altered' },
  // The visible wording rewritten by CSS.
  { name: 'a word inserted with ::before', css: '.w::before { content: "probably " }', body: hiddenNot('<span class="w">', '</span>'), expect: 'altered' },
  {
    name: 'a word replaced with ::after',
    css: '.r { font-size: 0 } .r::after { content: "now"; font-size: 16px }',
    body: hiddenNot('<span class="r">', '</span>'),
    expect: 'altered',
  },
  { name: 'a U+202E bidi override', body: hiddenNot('\u202E', '\u202C'), expect: 'unjudged' },
  {
    name: 'unicode-bidi: bidi-override; direction: rtl',
    body: hiddenNot('<span style="unicode-bidi:bidi-override;direction:rtl">', '</span>'),
    expect: 'unjudged',
  },
  {
    name: 'flexbox order',
    body: `<p>Peskov said: “${PRE}<span style="display:inline-flex;gap:.3em"><span style="order:2">not </span><span style="order:1">respond</span></span>${POST.slice(' respond'.length)}”</p>`,
    expect: 'unjudged',
  },
  {
    name: 'the genuine words in the light DOM of a closed shadow root rendering the doctored ones',
    body: `<div id="host"><p>Peskov said: “${GENUINE}.”</p></div>
      <script>document.getElementById('host').attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(shown(DOCTORED))};</script>`,
    expect: 'altered',
  },
  // Closed roots the first pass does not ask for (a host holding light text or elements): the strict
  // look asks the hosts above, between and next to a finding's words (src/page/rejudge.ts).
  {
    name: 'a closed root on an empty <span> between the words, drawing "not "',
    body: `<p>Peskov said: “We have <span id="h"></span>${GENUINE.slice('We have '.length)}.”</p>${closedRoot('h', 'not ')}`,
    expect: 'altered',
  },
  {
    name: 'a closed root drawing "not " on a <span> between the words that holds an element',
    body: `<p>Peskov said: “We have <span id="h"><i></i></span>${GENUINE.slice('We have '.length)}.”</p>${closedRoot('h', 'not ')}`,
    expect: 'altered',
  },
  {
    name: 'a closed root on the paragraph, the genuine words in its light DOM, slots and an extra word in the shadow',
    body: `<p id="h"><span slot="a">Peskov said: “We have</span> <span slot="b">${GENUINE.slice('We have '.length)}.”</span></p>
      ${closedRoot('h', '<slot name="a"></slot> not <slot name="b"></slot>')}`,
    expect: 'altered',
  },
  {
    name: 'a closed root on a container two levels above the genuine words, drawing the doctored ones',
    body: `<section id="h"><div><h2>Statement</h2><p>Peskov said: “${GENUINE}.”</p></div></section>${closedRoot('h', shown(DOCTORED))}`,
    expect: 'altered',
  },
  // Quotations the scan used to miss.
  {
    name: 'rendered from a closed shadow root',
    body: `<div id="host"></div><script>document.getElementById('host').attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(shown(DOCTORED))};</script>`,
    expect: 'altered',
  },
  { name: 'SVG <text>', body: `<svg width="1400" height="40"><text x="0" y="20">Peskov said: “${DOCTORED}”</text></svg>`, expect: 'altered' },
  { name: 'an article inside contenteditable', body: `<div contenteditable="true">${shown(DOCTORED)}</div>`, expect: 'altered' },
  { name: 'an article in designMode', body: `${shown(DOCTORED)}<script>document.designMode = 'on';</script>`, expect: 'altered' },
  {
    name: 'a styled read-only textarea',
    body: `<textarea readonly style="border:0;width:100%;height:5em;resize:none;font:inherit">Peskov said: “${DOCTORED}”</textarea>`,
    expect: 'altered',
  },
  { name: 'the whole quotation in ::before content', css: `.g::before { content: "Peskov said: “${DOCTORED}”" }`, body: '<p class="g"></p>', expect: 'altered' },
  {
    name: 'an <iframe srcdoc>',
    body: `<iframe name="inner" style="width:100%;height:8em;border:0" srcdoc="${escapeAttribute(`<!doctype html><meta charset=utf-8>${shown(DOCTORED)}`)}"></iframe>`,
    frame: 'inner',
    expect: 'altered',
  },
  {
    name: 'an about:blank frame written by script',
    body: `<iframe name="inner" style="width:100%;height:8em;border:0"></iframe>
      <script>const d = frames.inner.document; d.open(); d.write(${JSON.stringify(`<!doctype html><meta charset=utf-8>${shown(DOCTORED)}`)}); d.close();</script>`,
    frame: 'inner',
    expect: 'altered',
  },
  // CDATA sections are in textContent; text no judge looked at must never make a quotation verified.
  {
    name: 'a CDATA section under opacity:0, the quotation begun in ::before (a block read whole)',
    css: 'article b { opacity: 0 } article p.q::before { content: "Peskov said: “We " }',
    body: `<p class="q">${PRE.slice('We '.length)}<b></b>${POST}”</p>${CDATA_NOT}`,
    expect: 'altered',
  },
  {
    name: 'a CDATA section under opacity:0 (a block walked node by node)',
    css: 'article b { opacity: 0 }',
    body: `<div>Peskov said: “${PRE}<b></b>${POST}”<p></p></div>${CDATA_NOT}`,
    expect: 'altered',
  },
  { name: 'a variation selector inside a word', body: shown(DOCTORED.replace('respond', 'res\uFE0Fpond')), expect: 'altered' },
  { name: 'tag characters inside a word', body: shown(DOCTORED.replace('respond', 'res\u{E0020}\u{E0041}pond')), expect: 'altered' },
  { name: 'a Hangul filler inside a word', body: shown(DOCTORED.replace('respond', 'res\u3164pond')), expect: 'altered' },
  // Invisible genuine text next to the doctored quotation: never a verified finding.
  { name: 'the genuine quotation at font-size 0', body: hiddenGenuine('<div style="font-size:0">', '</div>'), expect: 'altered' },
  { name: 'the genuine quotation off-screen', body: hiddenGenuine('<div style="position:absolute;top:-5000px">', '</div>'), expect: 'altered' },
  { name: 'the genuine quotation in a closed <dialog>', body: hiddenGenuine('<dialog>', '</dialog>'), expect: 'altered' },
  {
    name: 'the genuine quotation in a 0×0 frame',
    body: `<iframe name="zero" src="genuine.html" width="0" height="0" style="border:0"></iframe>${shown(DOCTORED)}`,
    frame: 'zero',
    expect: 'frame-silent',
  },
];

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function pageHtml(c: Case): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${c.name}</title>
<style>body { font: 16px/1.5 serif; background: #fff; color: #111; max-width: 70em } ${c.css ?? ''}</style></head>
<body><article><h1>Kremlin</h1>${c.body}</article></body></html>`;
}

/** What one case's scan must show, as a list of problems (empty when it holds). */
function problems(c: Case, findings: ScannedFinding[], quoteId: string): string[] {
  const mine = findings.filter((f) => f.quoteId === quoteId);
  const out: string[] = [];
  const verified = findings.filter((f) => f.verdict === 'verified');
  if (c.expect === 'verified') return mine.some((f) => f.verdict === 'verified') ? [] : [`not verified: ${JSON.stringify(mine)}`];
  if (verified.length) out.push(`verified: ${JSON.stringify(verified)}`);
  if (c.expect === 'altered' && !mine.some((f) => f.verdict === 'altered')) out.push('no altered finding');
  if (c.expect === 'unjudged' && !mine.some((f) => f.flags?.includes('rendering'))) out.push('no finding flagged `rendering`');
  return out;
}

interface Driver {
  goto(url: string): Promise<void>;
  /** `evaluate` in the top document or the frame named `name`. */
  evaluator(name?: string): Promise<(expression: string) => Promise<unknown>>;
  /** A PNG of that part of the viewport. */
  shot(clip: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
}

const browsers: [string, () => Promise<{ driver: Driver; close: () => Promise<void>; dir: string }>][] = [
  [
    'Chromium',
    async () => {
      const session: ChromiumSession = await launchChromium({ server });
      const page = await session.openPage('hostile/index.html');
      return {
        dir: session.extension.dir,
        close: () => session.close(),
        driver: {
          goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
          evaluator: async (name) => {
            const frame = name ? await findFrame(page.frames(), name) : page.mainFrame();
            return (expression) => frame.evaluate(expression);
          },
          shot: (clip) => page.screenshot({ clip }),
        },
      };
    },
  ],
  [
    'Firefox',
    async () => {
      const session: FirefoxSession = await launchFirefox({ server });
      const page = await session.openPage('hostile/index.html');
      return {
        dir: session.extension.dir,
        close: () => session.close(),
        driver: {
          goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
          evaluator: async (name) => {
            const frame = name ? await findFrame(page.frames(), name) : page.mainFrame();
            return (expression) => frame.evaluate(expression);
          },
          shot: (clip) => page.screenshot({ clip }),
        },
      };
    },
  ],
];

/** The frame whose window is called `name` (frame names are not reported the same way by both drivers). */
async function findFrame<F extends { evaluate(expression: string): Promise<unknown> }>(frames: F[], name: string): Promise<F> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const frame of frames) {
      if ((await frame.evaluate('window.name').catch(() => null)) === name) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No frame named ${name}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let server: TestServer;
let pagesDir: string;

beforeAll(async () => {
  pagesDir = await mkdtemp(path.join(tmpdir(), 'qv-hostile-'));
  await writeFile(path.join(pagesDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>start</title><p>Start.</p>');
  await writeFile(path.join(pagesDir, 'genuine.html'), pageHtml({ name: 'genuine', body: shown(`${GENUINE}.`), expect: 'altered' }));
  await Promise.all(CASES.map((c, i) => writeFile(path.join(pagesDir, `case-${i}.html`), pageHtml(c))));
  // Each :visited case's link with no quotation around it (so no mark of ours is drawn on it).
  await Promise.all(
    VISITED.map((v, i) => writeFile(path.join(pagesDir, `visited-${i}.html`), pageHtml({ name: v.name, css: v.css, body: `<p>Shown: ${v.link('not')} here.</p>`, expect: 'verified' }))),
  );
  // The genuine quotation shown, "not" in a <b> a rule added later hides.
  await writeFile(path.join(pagesDir, 'late.html'), pageHtml({ name: 'late', body: hiddenNot('<b>', '</b>'), expect: 'altered' }));
  await writeFile(path.join(pagesDir, 'late-link.html'), pageHtml({ name: 'late link', body: hiddenNot('<a href="">', '</a>'), expect: 'unjudged' }));
  server = await startServer({ mounts: [{ prefix: '/hostile/', dir: pagesDir }] });
});

afterAll(async () => {
  await server?.close();
  if (pagesDir) await rm(pagesDir, { recursive: true, force: true });
});

for (const [browserName, launch] of browsers) {
  describe(`hostile pages: the rendered text is judged (${browserName})`, () => {
    let driver: Driver;
    let close: (() => Promise<void>) | undefined;
    let quoteId: string;

    beforeAll(async () => {
      const launched = await launch();
      driver = launched.driver;
      close = launched.close;
      const corpus = JSON.parse(await readFile(path.join(launched.dir, 'corpus.json'), 'utf8')) as { quotes: { id: string; text: string }[] };
      const quote = corpus.quotes.find((q) => q.text === GENUINE);
      if (!quote) throw new Error(`The shipped corpus (${launched.dir}/corpus.json) has no quotation worded "${GENUINE}"`);
      quoteId = quote.id;
    });
    afterAll(async () => {
      await close?.();
    });

    it('every hiding, rewriting and evasion case gives its expected verdict', async () => {
      const failures: string[] = [];
      for (const [i, c] of CASES.entries()) {
        await driver.goto(server.url(`hostile/case-${i}.html`));
        const evaluate = await driver.evaluator(c.frame);
        let findings: ScannedFinding[];
        try {
          findings = await waitForScan(
            evaluate,
            (f) => c.expect === 'frame-silent' || f.some((x) => x.quoteId === quoteId),
            `${c.name}: no finding of the quotation`,
          );
        } catch (error) {
          failures.push(`${c.name}: ${(error as Error).message}`);
          continue;
        }
        if (process.env.QV_DEBUG) console.log(c.name, JSON.stringify(findings));
        for (const p of problems(c, findings, quoteId)) failures.push(`${c.name}: ${p}`);
      }
      expect(failures).toEqual([]);
    }, 600_000);

    // What the :visited cases claim about the browser: the word is drawn in one colour (nothing to
    // read) once the link counts as visited, which happens shortly after load; the controls are not.
    it('the browser draws each :visited case’s word as the case says (a screenshot)', async () => {
      const failures: string[] = [];
      for (const [i, v] of VISITED.entries()) {
        if (v.onlyIn && v.onlyIn !== browserName) continue;
        await driver.goto(server.url(`hostile/visited-${i}.html`));
        const evaluate = await driver.evaluator();
        // The box less a pixel each side: a clip at fractional coordinates takes in the page around it.
        const clip = (await evaluate(
          `(() => { const r = document.getElementById('w').getBoundingClientRect(); return { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 }; })()`,
        )) as { x: number; y: number; width: number; height: number };
        let drawn = -1;
        for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
          const png = await driver.shot(clip);
          if (process.env.QV_DEBUG) await writeFile(`/tmp/visited-${i}.png`, png);
          drawn = spread(decodePng(png));
          if ((drawn <= UNREADABLE_SPREAD) === v.hides) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        if (v.hides && drawn > UNREADABLE_SPREAD) failures.push(`${v.name}: the word is drawn (pixels differ by up to ${drawn})`);
        if (!v.hides && drawn < 100) failures.push(`${v.name}: the control's word is not drawn readably (pixels differ by up to ${drawn})`);
      }
      expect(failures).toEqual([]);
    }, 120_000);

    // After the verdict, the page hides "not" with no mutation the scanner acts on: within
    // RECHECK_MS (src/page/scanner.ts) the quotation must stop being verified.
    it('a rule added after the verdict (CSSOM insertRule, a <style> in <head>, an adopted a:visited sheet) ends "verified"', async () => {
      const failures: string[] = [];
      const LATE = [
        { name: 'insertRule', page: 'late.html', end: 'altered', script: `document.styleSheets[0].insertRule('article b { opacity: 0 }', 0)` },
        { name: 'a <style> added to <head>', page: 'late.html', end: 'altered', script: `(() => { const s = document.createElement('style'); s.textContent = 'article b { opacity: 0 }'; document.head.append(s); })()` },
        // "not" a link to the page itself; a sheet adopted later draws it white once visited.
        {
          name: 'an a:visited rule adopted later',
          page: 'late-link.html',
          end: 'unjudged',
          script: `(() => { const s = new CSSStyleSheet(); s.replaceSync('a:visited { color: #fff }'); document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; })()`,
        },
      ];
      for (const late of LATE) {
        await driver.goto(server.url(`hostile/${late.page}`));
        const evaluate = await driver.evaluator();
        const mineIs = (verdict: string) => (f: ScannedFinding[]) => f.some((x) => x.quoteId === quoteId && x.verdict === verdict);
        const ended = late.end === 'altered' ? mineIs('altered') : (f: ScannedFinding[]) => f.some((x) => x.quoteId === quoteId && x.flags?.includes('rendering'));
        try {
          await waitForScan(evaluate, mineIs('verified'), `${late.name}: the control (shown) is not verified`);
          await evaluate(late.script);
          const findings = await waitForScan(evaluate, ended, `${late.name}: no ${late.end} finding after the rule`, 10_000);
          const verified = findings.filter((f) => f.verdict === 'verified');
          if (verified.length) failures.push(`${late.name}: verified: ${JSON.stringify(verified)}`);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });
}

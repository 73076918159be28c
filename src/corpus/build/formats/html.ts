/**
 * HTML: parsed with linkedom (a real HTML parser). The article text comes
 * from <article> (the longest, when there are several), else <main>, else
 * <body>, with navigation, asides, footers, figures and captions, scripts,
 * forms, tables and comment/share widgets removed. Title, url, publication
 * date, publisher and language come from the page's own metadata.
 */
import { parseHtmlDocument } from './html-dom';
import { collapse, type Paragraph, type ParagraphRole } from '../paragraphs';
import type { DocumentMeta } from '../metadata';
import { findDatePublished } from '../../../text/json-ld';

/** Elements that are never article prose. */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'figure', 'figcaption', 'form',
  'button', 'select', 'textarea', 'input', 'label', 'iframe', 'svg', 'canvas', 'video', 'audio', 'object',
  'embed', 'noembed', 'map', 'picture', 'img', 'head', 'dialog', 'menu',
]);

/**
 * A table cell holding at least this many characters on average is page
 * layout (old sites set whole articles in tables): its text is kept. Data
 * tables (header cells, or short cells) are dropped as before.
 */
const LAYOUT_CELL_MIN_CHARS = 80;
const DROP_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog', 'alert', 'menu']);
/**
 * class/id words of comment, share, ad and caption widgets. Not "widget" itself:
 * blog platforms wrap the post in one (Blogger's `div.widget.Blog`).
 */
const WIDGET =
  /(?:^|[\s_-])(?:comments?|commentlist|disqus|share|sharing|social|related|newsletter|subscribe|subscription|advert|advertisement|ads?|promo|sponsored|cookie|consent|breadcrumbs?|sidebar|popup|modal|menu|navbar|toolbar|caption|credits?)(?:$|[\s_-])/i;

const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'center',
  'table', 'tr', 'td',
]);

interface El {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll?(selector: string): ArrayLike<El>;
}

/** A table used for layout, not data: no header cells, and long cells on average. */
function layoutTable(el: El): boolean {
  if (!el.querySelectorAll || el.querySelectorAll('th').length > 0) return false;
  const cells = Array.from(el.querySelectorAll('td'));
  if (cells.length === 0) return false;
  const chars = cells.reduce((n, c) => n + (c.textContent ?? '').trim().length, 0);
  return chars / cells.length >= LAYOUT_CELL_MIN_CHARS;
}

function dropped(el: El): boolean {
  const tag = el.nodeName.toLowerCase();
  if (DROP_TAGS.has(tag)) return true;
  if (tag === 'table') return !layoutTable(el);
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && DROP_ROLES.has(role)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return WIDGET.test(names);
}

function roleOf(tag: string, inherited: ParagraphRole): ParagraphRole {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li' || tag === 'dd' || tag === 'dt') return 'item';
  return inherited;
}

/** Block paragraphs of `root`, in document order. */
function paragraphsOf(root: El): { text: string; role: ParagraphRole }[] {
  const out: { text: string; role: ParagraphRole }[] = [];
  let buf = '';
  let bufRole: ParagraphRole = 'text';
  let breaks = 0;
  const flush = () => {
    const text = collapse(buf);
    if (text !== '') out.push({ text, role: bufRole });
    buf = '';
    breaks = 0;
  };
  const walk = (node: El, role: ParagraphRole) => {
    if (node.nodeType === 3) {
      const t = node.textContent ?? '';
      if (t.trim() !== '') {
        if (buf.trim() === '') bufRole = role;
        breaks = 0;
      }
      buf += t;
      return;
    }
    if (node.nodeType !== 1 || dropped(node)) return;
    const tag = node.nodeName.toLowerCase();
    if (tag === 'br') {
      // Two line breaks in a row separate paragraphs, as a blank line would.
      if (++breaks >= 2) flush();
      else buf += ' ';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    const r = roleOf(tag, role);
    for (const child of Array.from(node.childNodes)) walk(child, r);
    if (block) flush();
  };
  walk(root, 'text');
  flush();
  return out;
}

export interface HtmlDocument {
  paragraphs: Paragraph[];
  /** Metadata the page states about itself (a sidecar overrides it). */
  meta: Pick<DocumentMeta, 'title' | 'url' | 'published' | 'publisher' | 'language'>;
  /** Problems worth a warning (an unusable date or url in the page's metadata). */
  notes: string[];
}

/** Line of each paragraph: the first place after the previous one where its opening words occur. */
function locate(raw: string, paragraphs: { text: string }[]): (number | undefined)[] {
  let cursor = 0;
  let line = 1;
  let lineCursor = 0;
  return paragraphs.map((p) => {
    const words = p.text.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    for (const probe of words.slice(0, 3)) {
      const at = raw.indexOf(probe, cursor);
      if (at < 0) continue;
      for (; lineCursor < at; lineCursor++) if (raw.charCodeAt(lineCursor) === 10) line++;
      cursor = at;
      return line;
    }
    return undefined;
  });
}

function isoDatePrefix(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{4})(?:[-/](\d{2})(?:[-/](\d{2}))?)?/.exec(value ?? '');
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((x) => x !== undefined).join('-');
}

/** `datePublished` from the page's JSON-LD (an object, an array, or a `@graph`). */
function jsonLdDatePublished(doc: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }): string | undefined {
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const d = findDatePublished(JSON.parse(s.textContent ?? ''));
      if (d) return d;
    } catch {
      // Broken JSON-LD is common; the page may still date itself elsewhere.
    }
  }
  return undefined;
}

/** How many opening paragraphs may hold a byline ("Published March 3, 2024"). */
const BYLINE_PARAGRAPHS = 6;
const BYLINE_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A byline's date: "Published March 3, 2024", "Updated: 3 March 2024", "Posted on 2024-03-03". */
function bylineDate(lines: string[]): string | undefined {
  for (const line of lines) {
    if (line.length > 160) continue;
    const iso = /\b(?:published|posted|updated)\b[^\d]{0,20}(\d{4}-\d{2}-\d{2})/iu.exec(line);
    if (iso) return iso[1];
    const m = /\b(?:[Pp]ublished|[Pp]osted|[Uu]pdated|[Bb]y\b[^,]{0,40},?)[^A-Za-z0-9]{0,5}(?:on\s+)?(?:(\d{1,2})\s+([A-Z][a-z]+)|([A-Z][a-z]+)\.?\s+(\d{1,2}),?)\s+(\d{4})/u.exec(line);
    if (m) {
      const month = BYLINE_MONTHS.findIndex((n) => n.startsWith((m[2] ?? m[3])!.toLowerCase().slice(0, 3))) + 1;
      const day = Number(m[1] ?? m[4]);
      if (month > 0 && day >= 1 && day <= 31) return `${m[5]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
  }
  return undefined;
}

export function readHtml(raw: string): HtmlDocument {
  const doc = parseHtmlDocument(raw);
  const notes: string[] = [];
  const meta = (selector: string) => doc.querySelector(selector)?.getAttribute('content')?.trim() || undefined;

  const articles = Array.from(doc.querySelectorAll('article')) as unknown as El[];
  const longest = articles.sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0];
  const root = (longest ??
    doc.querySelector('main') ??
    doc.querySelector('[role="main"]') ??
    doc.body ??
    doc.documentElement) as unknown as El | null;
  const blocks = root ? paragraphsOf(root) : [];
  const lines = locate(raw, blocks);
  const paragraphs: Paragraph[] = blocks.map((b, i) => {
    const line = lines[i];
    return line === undefined ? { text: b.text, role: b.role } : { text: b.text, role: b.role, line };
  });

  const title =
    meta('meta[property="og:title"]') ??
    (collapse(doc.querySelector('title')?.textContent ?? '') || undefined) ??
    (collapse(doc.querySelector('h1')?.textContent ?? '') || undefined);
  let url =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || meta('meta[property="og:url"]');
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) {
    notes.push(`ignoring the page's url "${url}": not an absolute http(s) address`);
    url = undefined;
  }
  const publishedRaw =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="article:published_time"]') ??
    meta('meta[itemprop="datePublished"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[name="publish-date"]') ??
    meta('meta[name="dc.date"]') ??
    meta('meta[name="DC.date.issued"]') ??
    doc.querySelector('time[itemprop="datePublished"]')?.getAttribute('datetime') ??
    doc.querySelector('time[pubdate]')?.getAttribute('datetime') ??
    jsonLdDatePublished(doc) ??
    ((root as unknown as { querySelector?: (s: string) => { getAttribute(n: string): string | null } | null } | null)?.querySelector?.('time[datetime]')?.getAttribute('datetime') ?? undefined) ??
    bylineDate(blocks.slice(0, BYLINE_PARAGRAPHS).map((b) => b.text));
  const published = isoDatePrefix(publishedRaw);
  if (publishedRaw !== undefined && published === undefined) {
    notes.push(`ignoring the page's publication date "${publishedRaw}": not an ISO date`);
  }
  const publisher = meta('meta[property="og:site_name"]');
  const language = doc.documentElement?.getAttribute('lang')?.trim() || undefined;
  const out: HtmlDocument['meta'] = {};
  if (title) out.title = title;
  if (url) out.url = url;
  if (published) out.published = published;
  if (publisher) out.publisher = publisher;
  if (language) out.language = language;
  return { paragraphs, meta: out, notes };
}

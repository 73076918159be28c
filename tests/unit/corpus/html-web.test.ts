/**
 * HTML as it is on the web: a post inside a blog platform's widget wrapper, an
 * article laid out with a table, publication dates from JSON-LD and bylines;
 * navigation, captions, share blocks and data tables still stay out.
 */
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../../src/corpus/build/formats/html';

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head><title>Harbour vote</title>${head}</head><body>${body}</body></html>`;
const LONG = 'The council voted on Tuesday to keep the ferry running through the winter, after a long debate about the cost of fuel.';

describe('readHtml on real page shapes', () => {
  it('keeps a post wrapped in a widget, drops the share widget and the nav', () => {
    const r = readHtml(page(`<nav>Home · News</nav><div class="widget Blog"><div class="post-body"><p>${LONG}</p></div><div class="share-buttons">Share this</div></div>`));
    expect(r.paragraphs.map((p) => p.text)).toEqual([LONG]);
  });

  it('keeps an article laid out in a table, drops a data table', () => {
    const r = readHtml(page(`<table><tr><td>${LONG}</td></tr></table><table><tr><th>Year</th><th>Fare</th></tr><tr><td>2024</td><td>3.50</td></tr></table>`));
    expect(r.paragraphs.map((p) => p.text)).toEqual([LONG]);
  });

  it.each([
    ['JSON-LD datePublished', page(`<p>${LONG}</p>`, '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-03-05T10:00:00Z"}]}</script>'), '2024-03-05'],
    ['a <time datetime> in the article', page(`<article><time datetime="2024-03-05">5 March</time><p>${LONG}</p></article>`), '2024-03-05'],
    ['a byline', page(`<p>By Jane Roe, March 5, 2024</p><p>${LONG}</p>`), '2024-03-05'],
    ['a "Published" line', page(`<p>Published 5 March 2024</p><p>${LONG}</p>`), '2024-03-05'],
  ])('publication date from %s', (_n, html, date) => {
    expect(readHtml(html).meta.published).toBe(date);
  });
});

import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { pagePublishedDate } from '../../../src/page/page-date';

const doc = (head: string) => parseHTML(`<html><head>${head}</head><body><p>x</p></body></html>`).document as unknown as Document;

describe('pagePublishedDate', () => {
  it('reads article:published_time, keeping the day', () => {
    expect(pagePublishedDate(doc('<meta property="article:published_time" content="2024-12-16T08:30:00+00:00">'))).toBe('2024-12-16');
  });

  it('prefers the Open Graph article date over a generic date tag', () => {
    const d = doc('<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2024-12-16">');
    expect(pagePublishedDate(d)).toBe('2024-12-16');
  });

  it('falls back to JSON-LD datePublished, inside @graph too', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2025-03-02T10:00:00Z' }] });
    expect(pagePublishedDate(doc(`<script type="application/ld+json">${ld}</script>`))).toBe('2025-03-02');
  });

  it('ignores malformed JSON-LD and impossible dates, and says nothing when there is no date', () => {
    expect(pagePublishedDate(doc('<script type="application/ld+json">{not json</script>'))).toBeUndefined();
    expect(pagePublishedDate(doc('<meta property="article:published_time" content="2024-13-40">'))).toBeUndefined();
    expect(pagePublishedDate(doc(''))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { findDatePublished } from '../../../src/text/json-ld';

describe('findDatePublished (JSON-LD, shared by the builder and the page)', () => {
  it.each([
    ['an object', { '@type': 'NewsArticle', datePublished: '2024-03-05' }, '2024-03-05'],
    ['an array', [{ '@type': 'Person' }, { datePublished: '2023-01-02T10:00:00Z' }], '2023-01-02T10:00:00Z'],
    ['a @graph', { '@graph': [{ '@type': 'WebSite' }, { datePublished: '2022-12-31' }] }, '2022-12-31'],
    ['a mainEntity', { '@type': 'WebPage', mainEntity: { datePublished: '2021-06-07' } }, '2021-06-07'],
    ['nothing', { '@type': 'Organization', name: 'x' }, undefined],
    ['a non-string date', { datePublished: 20240305 }, undefined],
  ])('reads %s', (_, value, expected) => {
    expect(findDatePublished(value)).toBe(expected);
  });

  it('stops at a bounded depth on deeply nested input', () => {
    let deep: unknown = { datePublished: '2020-01-01' };
    for (let i = 0; i < 50; i++) deep = { '@graph': [deep] };
    expect(findDatePublished(deep)).toBeUndefined();
  });
});

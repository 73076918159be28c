/**
 * `quote-verifier export --format claimreview`: the mapping (pure) and the
 * command (in-process, on temporary files). The output's shape is checked
 * against a strict zod description of the ClaimReview markup we promise.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { exportCommand } from '../../../src/cli/export-command';
import { ACCURATE_RATING, corpusToClaimReviews, isInstitution } from '../../../src/corpus/export/claimreview';
import { ACCURATE_RATING_NAMES, parseImport } from '../../../src/corpus/import';
import { Corpus, type Quote } from '../../../src/corpus/schema';

const Org = z.strictObject({ '@type': z.literal('Organization'), name: z.string().min(1) });
const ClaimReviewShape = z.strictObject({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('ClaimReview'),
  identifier: z.string().regex(/^q_[0-9a-f]{12,}$/),
  url: z.url().optional(),
  claimReviewed: z.string().min(1),
  datePublished: z.iso.date().optional(),
  author: Org,
  reviewRating: z.strictObject({
    '@type': z.literal('Rating'),
    alternateName: z.string().min(1),
    ratingValue: z.number(),
    bestRating: z.number(),
    worstRating: z.number(),
  }),
  itemReviewed: z.strictObject({
    '@type': z.literal('Claim'),
    author: z.union([
      z.strictObject({ '@type': z.literal('Person'), name: z.string().min(1), jobTitle: z.string().optional() }),
      z.strictObject({ '@type': z.literal('Organization'), name: z.string().min(1), description: z.string().optional() }),
    ]),
    datePublished: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
    appearance: z
      .array(
        z.strictObject({
          '@type': z.literal('CreativeWork'),
          headline: z.string().min(1),
          url: z.url().optional(),
          publisher: Org.optional(),
          datePublished: z.string().optional(),
        }),
      )
      .min(1),
  }),
});

function quote(id: string, text: string, extra: Partial<Quote> = {}): Quote {
  return {
    id,
    text,
    kind: 'direct',
    speaker: { name: 'Dmitry Peskov', role: 'Kremlin spokesman' },
    date: '2025-12-16',
    datePrecision: 'day',
    dateBasis: 'explicit',
    sources: [
      {
        docId: 'doc-a',
        title: 'Kremlin rejects ceasefire',
        publisher: 'Example News',
        url: 'https://news.example/a',
        fragmentUrl: 'https://news.example/a#:~:text=We%20are%20ready',
        published: '2025-12-17',
      },
    ],
    context: 'Context paragraph.',
    ...extra,
  };
}

const CORPUS: Corpus = Corpus.parse({
  version: 1,
  name: 'Example Newsroom',
  documents: [],
  quotes: [
    quote('q_000000000001', 'We are ready for discussions.', { review: { state: 'approved', reviewer: 'ed', at: '2026-11-20T09:30:00Z' } }),
    quote('q_000000000002', 'A quote from before review existed.'),
    quote('q_000000000003', 'Still waiting for an editor.', { review: { state: 'pending' } }),
    quote('q_000000000004', 'An editor said no.', { review: { state: 'rejected', reviewer: 'ed', note: 'misquoted' } }),
    quote('q_000000000005', 'Peace, not a truce.', {
      speaker: { name: 'Kremlin', role: 'Russian government' },
      date: '2025-12',
      datePrecision: 'month',
      sources: [
        { docId: 'doc-b', title: 'Offline bulletin' },
        { docId: 'doc-c', title: 'Second report', url: 'https://other.example/c', publisher: 'Other' },
      ],
    }),
  ],
});

describe('corpusToClaimReviews', () => {
  const { reviews, withheld } = corpusToClaimReviews(CORPUS);

  it('exports the approved quotes (approved, or no review yet) in corpus order and counts the rest', () => {
    expect(reviews.map((r) => r.identifier)).toEqual(['q_000000000001', 'q_000000000002', 'q_000000000005']);
    expect(withheld).toEqual({ pending: 1, rejected: 1 });
  });

  it('gives every item the ClaimReview shape we document', () => {
    for (const r of reviews) expect(() => ClaimReviewShape.parse(r), r.identifier).not.toThrow();
  });

  it('maps wording, speaker, statement date, sources, reviewer and rating', () => {
    expect(reviews[0]).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      identifier: 'q_000000000001',
      claimReviewed: 'We are ready for discussions.',
      datePublished: '2026-11-20',
      author: { '@type': 'Organization', name: 'Example Newsroom' },
      reviewRating: { '@type': 'Rating', alternateName: ACCURATE_RATING, ratingValue: 5, bestRating: 5, worstRating: 1 },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Dmitry Peskov', jobTitle: 'Kremlin spokesman' },
        datePublished: '2025-12-16',
        appearance: [
          {
            '@type': 'CreativeWork',
            headline: 'Kremlin rejects ceasefire',
            url: 'https://news.example/a',
            publisher: { '@type': 'Organization', name: 'Example News' },
            datePublished: '2025-12-17',
          },
        ],
      },
    });
  });

  it('has no review date when none was recorded, and an institution speaker is an Organization', () => {
    expect(reviews[1]).not.toHaveProperty('datePublished');
    const kremlin = reviews[2];
    expect(kremlin?.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Kremlin', description: 'Russian government' });
    expect(kremlin?.itemReviewed.datePublished).toBe('2025-12');
    // A source without a url still appears (headline only).
    expect(kremlin?.itemReviewed.appearance.map((a) => a.url)).toEqual([undefined, 'https://other.example/c']);
  });

  it("gives a review the corpus's page for the quote when a template is configured, never the source's address", () => {
    for (const r of reviews) expect(r).not.toHaveProperty('url');
    const paged = corpusToClaimReviews(CORPUS, { quotePage: 'https://newsroom.example/quotes/{id}' }).reviews;
    expect(paged.map((r) => r.url)).toEqual(reviews.map((r) => `https://newsroom.example/quotes/${r.identifier}`));
  });

  it('types people as Person unless the name is plainly an institution', () => {
    expect(['Dmitry Peskov', 'Ursula von der Leyen', 'Officer Dibble', 'Courtney Love', 'Armyan Bernstein'].filter(isInstitution)).toEqual([]);
    expect(['Kremlin', 'Ministry of Defence', 'The White House', 'Press Office', 'European Commission'].every(isInstitution)).toBe(true);
  });

  it('is deterministic: the same corpus gives the same JSON', () => {
    expect(JSON.stringify(corpusToClaimReviews(CORPUS))).toBe(JSON.stringify(corpusToClaimReviews(structuredClone(CORPUS))));
  });
});

describe('export, then import (src/corpus/import)', () => {
  it('uses a rating the ClaimReview import takes as accurate', () => {
    expect(ACCURATE_RATING_NAMES.has(ACCURATE_RATING.toLowerCase())).toBe(true);
  });

  it('imports back every exported quote with its wording, speaker, statement date and sources', () => {
    const json = JSON.stringify(corpusToClaimReviews(CORPUS).reviews, null, 2);
    const { quotes, leftOut } = parseImport(new TextEncoder().encode(json), { display: 'export.json', docBase: 'import:export.json' });
    expect(leftOut).toEqual([]);
    const exported = CORPUS.quotes.filter((q) => q.review === undefined || q.review.state === 'approved');
    expect(
      quotes.map((q) => ({ text: q.text, speaker: q.speaker.name, date: q.date, urls: q.sources.map((s) => s.url), titles: q.sources.map((s) => s.title) })),
    ).toEqual(
      exported.map((q) => ({ text: q.text, speaker: q.speaker.name, date: q.date, urls: q.sources.map((s) => s.url), titles: q.sources.map((s) => s.title) })),
    );
    // A person's role travels as jobTitle and comes back.
    expect(quotes[0]?.speaker.role).toBe('Kremlin spokesman');
  });
});

describe('quote-verifier export (command)', () => {
  let dir: string;
  let out: string[];
  let err: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qv-export-'));
    writeFileSync(join(dir, 'corpus.json'), JSON.stringify(CORPUS));
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a JSON array to stdout and a summary to stderr', async () => {
    expect(await exportCommand(['--format', 'claimreview', '--corpus', join(dir, 'corpus.json')])).toBe(0);
    const items = JSON.parse(out.join('')) as unknown[];
    expect(items).toHaveLength(3);
    expect(err.join('')).toContain('3 approved quotation(s) as ClaimReview (left out: 1 pending, 1 rejected)');
  });

  it('writes --out, leaving no temporary file behind', async () => {
    const file = join(dir, 'out/claimreview.json');
    expect(await exportCommand(['--format', 'claimreview', '--corpus', join(dir, 'corpus.json'), '--out', file, '--quiet'])).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(corpusToClaimReviews(CORPUS).reviews);
    expect(out.join('')).toBe('');
    expect(err.join('')).toBe('');
    expect(readdirSync(join(dir, 'out'))).toEqual(['claimreview.json']);
  });

  it('refuses a missing or unknown format, and an invalid corpus, with exit 2 and the reason', async () => {
    expect(await exportCommand(['--corpus', join(dir, 'corpus.json')])).toBe(2);
    expect(err.join('')).toContain('missing --format');
    expect(await exportCommand(['--format', 'csv', '--corpus', join(dir, 'corpus.json')])).toBe(2);
    expect(err.join('')).toContain('unknown format "csv"');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...CORPUS, quotes: [{ ...CORPUS.quotes[0], date: '16 Dec' }] }));
    expect(await exportCommand(['--format', 'claimreview', '--corpus', join(dir, 'bad.json')])).toBe(2);
    expect(err.join('')).toMatch(/bad\.json: invalid corpus[\s\S]*quotes\[0\]\.date/);
    expect(await exportCommand(['--format', 'claimreview', '--corpus', join(dir, 'missing.json')])).toBe(2);
    expect(err.join('')).toContain('no such file or directory');
    expect(out.join('')).toBe('');
  });
});

/**
 * Other wordings of a quotation (issue 17) through the corpus pipeline: declared
 * in a document's metadata, carried by JSON, CSV and ClaimReview imports, kept
 * when reports merge, covered by the review hash, exported as ClaimReview.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildFailedError } from '../../../src/corpus/build';
import { corpusToClaimReviews } from '../../../src/corpus/export/claimreview';
import { parseImport } from '../../../src/corpus/import';
import { applyReviews, decide, emptyReviewFile, formatQuoteForReview, reviewHash, textHash } from '../../../src/corpus/review';
import type { Quote } from '../../../src/corpus/schema';
import { build, seedsDir } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);
const RU = 'Мы хотим мира. Мы не хотим перемирия, чтобы дать передышку Украине и подготовиться к продолжению войны';
const SOURCE = { title: 'Peskov on a Christmas truce, as quoted by Interfax', publisher: 'Interfax', url: 'https://news.mail.ru/politics/69115840/' };

async function seedsWith(metaExtra: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qv-wordings-'));
  await cp(seedsDir, dir, { recursive: true });
  const meta = join(dir, '000_b8ddd4ea2b62c233.meta.yaml');
  // The seed sidecar's own wordings (the Russian original) give way to the case's.
  const own = await readFile(meta, 'utf8');
  await writeFile(meta, `${own.slice(0, own.indexOf('\nwordings:') + 1 || own.length)}${metaExtra}`);
  return dir;
}

const yamlWordings = (quote: string) => `wordings:
  - quote: "${quote}"
    original:
      lang: ru
      text: "${RU}"
      source:
        title: "${SOURCE.title}"
        publisher: ${SOURCE.publisher}
        url: ${SOURCE.url}
    variants:
      - kind: translation
        lang: bg
        text: "Искаме мир. Не искаме примирие, за да дадем на Украйна почивка"
        source: { title: "Test fixture rendering" }
`;

const errorsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof BuildFailedError) return e.errors.map((x) => x.message);
    throw e;
  }
  return [];
};

describe('documents declare other wordings in their metadata', () => {
  it('attaches the original and the variants to the quotation the words name', async () => {
    const dir = await seedsWith(yamlWordings('a truce that would allow Ukraine to catch its breath'));
    const { corpus } = await build(dir);
    const q = corpus.quotes.find((x) => x.text.startsWith('peace, not a truce'))!;
    expect(q.original).toEqual({ lang: 'ru', text: RU, source: SOURCE });
    expect(q.variants).toHaveLength(1);
    expect(q.variants![0]!.kind).toBe('translation');
    expect(corpus.quotes.filter((x) => x.original || x.variants)).toHaveLength(1);
    // The main wording is untouched: same id, same English text.
    expect(q.id).toBe('q_119a23d04218a8e0');
  });

  it('names the file when no quotation, or more than one, holds the words', async () => {
    expect(await errorsOf(build(await seedsWith(yamlWordings('words nobody said'))))).toEqual([
      expect.stringMatching(/000_b8ddd4ea2b62c233\.txt.*wordings\[0\]\.quote: no quotation of this document contains “words nobody said”/),
    ]);
    expect((await errorsOf(build(await seedsWith(yamlWordings('of the')))))[0]).toMatch(/is in \d quotations of this document/);
  });

  it('names the fields allowed where an unknown one is', async () => {
    const bad = await seedsWith('wordings:\n  - quote: "peace, not a truce"\n    original: { lang: ru, txt: "x", source: { title: t } }\n');
    expect((await errorsOf(build(bad)))[0]).toMatch(/wordings\[0\]\.original: unknown field "txt" \(known fields: lang, text, source\)/);
  });

  it('refuses unknown fields and a bad language tag, with the line', async () => {
    const bad = await seedsWith('wordings:\n  - quote: "peace, not a truce"\n    original: { lang: Russian, text: "x", source: { title: t } }\n');
    expect((await errorsOf(build(bad)))[0]).toMatch(/meta\.yaml:\d+: wordings\[0\]\.original\.lang: expected a language tag/);
  });
});

describe('imports carry other wordings', () => {
  it('JSON: original and variants objects', () => {
    const json = JSON.stringify([
      {
        text: 'We want peace, not a truce',
        speaker: 'Dmitry Peskov',
        date: '2025-12-16',
        source: { title: 'Briefing' },
        original: { lang: 'ru', text: `«${RU}»`, source: SOURCE },
        variants: [{ kind: 'outlet', lang: 'en', text: 'We want peace. We do not want a truce', source: { title: 'Wire' } }],
      },
    ]);
    const q = parseImport(enc(json), { display: 'q.json', docBase: 'import:q.json' }).quotes[0]!;
    expect(q.original).toEqual({ lang: 'ru', text: RU, source: SOURCE });
    expect(q.variants).toEqual([{ kind: 'outlet', lang: 'en', text: 'We want peace. We do not want a truce', source: { title: 'Wire' } }]);
  });

  it('JSON: a bad variant names its field', () => {
    const json = JSON.stringify([
      { text: 'x y z', speaker: 'A', date: '2025', source: { title: 'T' }, variants: [{ kind: 'rumour', lang: 'en', text: 'x', source: { title: 'T' } }] },
    ]);
    expect(() => parseImport(enc(json), { display: 'q.json', docBase: 'import:q.json' })).toThrow(/q\.json: item 1 \(line \d+\): variants\.0\.kind/);
  });

  it('CSV: original columns, and one variant per row (rows of one quotation merge)', () => {
    const csv = [
      'text,speaker,date,sourceTitle,originalLang,originalText,originalSourceTitle,originalSourceUrl,variantKind,variantLang,variantText,variantSourceTitle',
      `We want peace,Dmitry Peskov,2025-12-16,Briefing,ru,"${RU}","${SOURCE.title}",${SOURCE.url},translation,it,"Vogliamo la pace, non una tregua",Agenzia`,
      'We want peace,Dmitry Peskov,2025-12-16,Briefing 2,,,,,translation,bg,Искаме мир,Агенция',
    ].join('\n');
    const r = parseImport(enc(csv), { display: 'q.csv', docBase: 'import:q.csv' });
    expect(r.quotes).toHaveLength(2);
    expect(r.quotes[0]!.original).toEqual({ lang: 'ru', text: RU, source: { title: SOURCE.title, url: SOURCE.url } });
    expect(r.quotes[0]!.variants![0]).toMatchObject({ kind: 'translation', lang: 'it' });
    expect(r.quotes[1]!.original).toBeUndefined();
    expect(r.quotes[1]!.variants![0]).toMatchObject({ lang: 'bg', text: 'Искаме мир' });
    expect(() =>
      parseImport(enc('text,speaker,date,sourceTitle,variantKind,variantLang,variantText\nx y z,A,2025,T,translation,en,\n'), { display: 'b.csv', docBase: 'import:b.csv' }),
    ).toThrow(/b\.csv: row 1 \(line 2\): variantText/);
  });

  it('ClaimReview: export and import again keep every wording', async () => {
    const dir = await seedsWith(yamlWordings('a truce that would allow Ukraine to catch its breath'));
    const { corpus } = await build(dir);
    const approved = { ...corpus, quotes: corpus.quotes.map((q) => ({ ...q, review: { state: 'approved' as const } })) };
    const { reviews } = corpusToClaimReviews(approved);
    const exported = reviews.find((r) => r.itemReviewed.translationOfWork)!;
    expect(exported.itemReviewed.translationOfWork).toMatchObject({ inLanguage: 'ru', text: RU, headline: SOURCE.title, url: SOURCE.url });
    expect(exported.itemReviewed.workExample).toEqual([expect.objectContaining({ inLanguage: 'bg', additionalType: 'translation' })]);
    const back = parseImport(enc(JSON.stringify(reviews)), { display: 'cr.json', docBase: 'import:cr.json', format: 'claimreview' });
    const q = back.quotes.find((x) => x.original)!;
    expect(q.original).toEqual({ lang: 'ru', text: RU, source: SOURCE });
    expect(q.variants![0]).toMatchObject({ kind: 'translation', lang: 'bg' });
  });
});

describe('review covers every wording', () => {
  const base: Quote = {
    id: 'q_0123456789ab',
    text: 'peace, not a truce',
    kind: 'partial',
    speaker: { name: 'Dmitry Peskov' },
    date: '2025-12-16',
    datePrecision: 'day',
    dateBasis: 'weekday',
    sources: [{ docId: 'd', title: 'T' }],
    context: '',
  };
  const corpus = (q: Quote) => ({ version: 1 as const, name: 'c', documents: [], quotes: [q] });

  it('a quote without other wordings hashes as before: earlier decisions stand', () => {
    expect(reviewHash(base)).toBe(textHash(base.speaker.name, base.text));
  });

  it('approving covers the wordings shown; adding one sends the quote back to pending, saying why', () => {
    const withOriginal: Quote = { ...base, original: { lang: 'ru', text: RU, source: SOURCE } };
    const file = decide(emptyReviewFile(), [withOriginal], { state: 'approved', reviewer: 'Ed' });
    expect(file.reviews[base.id]!.wordings).toEqual([expect.stringContaining(`original (ru): ${RU}`)]);
    expect(applyReviews(corpus(withOriginal), file).corpus.quotes[0]!.review!.state).toBe('approved');
    const more: Quote = { ...withOriginal, variants: [{ kind: 'translation', lang: 'it', text: 'la pace', source: { title: 'T' } }] };
    const again = applyReviews(corpus(more), file).corpus.quotes[0]!.review!;
    expect(again).toEqual({ state: 'pending', note: 'its other wordings (original, translations) changed since it was approved by Ed' });
    const changedSource: Quote = { ...withOriginal, original: { ...withOriginal.original!, source: { title: 'Another outlet' } } };
    expect(applyReviews(corpus(changedSource), file).corpus.quotes[0]!.review!.state).toBe('pending');
  });

  it('the review list shows each wording with its source', () => {
    const shown = formatQuoteForReview({ ...base, original: { lang: 'ru', text: RU, source: SOURCE } });
    expect(shown).toContain(`original (ru): ${RU} — ${SOURCE.title}, Interfax, ${SOURCE.url}`);
  });
});



/**
 * Issue 17: other wordings of a verified statement. Case tables on the seed
 * statement of 16 December 2025 (fixtures and their provenance in ./wordings-corpus.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, type Finding } from '../../../src/match';
import { contentWords, sameStem, sharedWords, stemKey, withinDateWindow } from '../../../src/match/variant';
import { VARIANT_STEM_MIN } from '../../../src/match/thresholds';
import { Q, QUOTES } from './peskov-corpus';
import { EN_DECOY, EN_WIRE, RU_DECOY, RU_ORIGINAL, WITH_ORIGINAL, WITH_TRANSLATION, WITH_WIRE } from './wordings-corpus';

const seeds = createMatcher(QUOTES);
const original = createMatcher(WITH_ORIGINAL);
const translation = createMatcher(WITH_TRANSLATION);
const wire = createMatcher(WITH_WIRE);

function one(findings: Finding[]): Finding {
  expect(findings, JSON.stringify(findings, null, 1)).toHaveLength(1);
  return findings[0]!;
}

const en = (quotation: string) => `Kremlin spokesman Dmitry Peskov told reporters on Tuesday: “${quotation}.”`;
const ru = (quotation: string) => `«${quotation}», — сказал Песков журналистам во вторник.`;

describe('a vetted wording in another language is verified against it', () => {
  it('the Russian original, once held, verifies a Russian page and says which wording', () => {
    const f = one(original.findAll(ru(RU_ORIGINAL)));
    expect(f.verdict).toBe('verified');
    expect(f.quoteId).toBe(Q.notATruce.id);
    expect(f.wording).toEqual({ kind: 'original', lang: 'ru' });
  });

  it('the Russian original inside an English page is verified too (its words are not homoglyphs)', () => {
    const f = one(original.findAll(en(RU_ORIGINAL)));
    expect([f.verdict, f.flags, f.wording?.kind]).toEqual(['verified', [], 'original']);
  });

  it('the main wording is still verified against the main text, with no wording named', () => {
    const f = one(original.findAll(en(Q.notATruce.text.replace(/\.$/, ''))));
    expect(f.verdict).toBe('verified');
    expect(f.wording).toBeUndefined();
  });

  it('a dropped "не" in the vetted original is altered, flagged negation', () => {
    const f = one(original.findAll(ru(RU_ORIGINAL.replace('Мы не хотим', 'Мы хотим'))));
    expect(f.verdict).toBe('altered');
    expect(f.flags).toContain('negation');
    expect(f.wording?.kind).toBe('original');
  });

  it('a dropped "not" in a vetted English outlet wording is altered, flagged negation', () => {
    const f = one(wire.findAll(en(EN_WIRE.replace('peace, not a ceasefire', 'peace, a ceasefire'))));
    expect(f.verdict).toBe('altered');
    expect(f.flags).toContain('negation');
    expect(f.wording).toEqual({ kind: 'outlet', lang: 'en', variant: 0 });
  });
});

describe('variant: another wording of a verified statement', () => {
  const cases: { name: string; matcher: typeof seeds; text: string; wording?: Finding['wording'] }[] = [
    { name: 'the wire translation, against the corpus English', matcher: seeds, text: en(EN_WIRE) },
    { name: 'the wire translation, when the corpus also holds the Russian original', matcher: original, text: en(EN_WIRE) },
    {
      name: 'the Russian original, when the corpus holds only a Russian translation of another wording',
      matcher: translation,
      text: ru(RU_ORIGINAL),
      wording: { kind: 'translation', lang: 'ru', variant: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = one(c.matcher.findAll(c.text));
      expect(f.verdict).toBe('variant');
      expect(f.quoteId).toBe(Q.notATruce.id);
      expect(f.wording).toEqual(c.wording);
      expect(f.diff).toEqual([]);
      expect(c.text.slice(f.start, f.end)).toBe(f.text);
    });
  }

  it('needs the speaker named nearby (any inflection), and not another speaker', () => {
    expect(one(seeds.findAll(`A wire service reported: “${EN_WIRE}.”`)).verdict).toBe('unverified');
    expect(one(seeds.findAll(`“${EN_WIRE},” Peskov's office said.`)).verdict).toBe('variant');
    expect(one(translation.findAll(`Слова Пескова: «${RU_ORIGINAL}».`)).verdict).toBe('variant');
    expect(one(seeds.findAll(`Peskov was asked about it. “${EN_WIRE},” Zelensky said.`)).verdict).toBe('unverified');
  });

  it('needs the page dated within the window of the statement, when the page gives a date', () => {
    expect(one(seeds.findAll(en(EN_WIRE), { pageDate: '2025-12-17' })).verdict).toBe('variant');
    expect(one(seeds.findAll(en(EN_WIRE), { pageDate: '2025-12' })).verdict).toBe('variant');
    expect(one(seeds.findAll(en(EN_WIRE), { pageDate: '2026-03-01' })).verdict).toBe('unverified');
    expect(one(seeds.findAll(en(EN_WIRE), { pageDate: '2025-12-01' })).verdict).toBe('unverified');
  });

  it('is never verified or altered, and never hides a reversed statement', () => {
    const reversed = EN_WIRE.replace('peace, not a ceasefire', 'a ceasefire, not peace').replace('not peace', 'peace');
    expect(one(seeds.findAll(en(reversed))).verdict).toBe('unverified');
  });

  it('the CLI-facing matchSpans and selection lookup give the same verdict', () => {
    const [spans] = seeds.matchSpans([{ text: EN_WIRE, context: { before: 'Peskov said: “', after: '”' } }]);
    expect(one(spans!).verdict).toBe('variant');
    const sel = seeds.lookup(en(EN_WIRE));
    expect(sel.best?.verdict).toBe('variant');
  });
});

describe('decoys: other statements by the same speaker the same day stay unverified', () => {
  const table: [string, ReturnType<typeof createMatcher>, string][] = [
    ['English decoy, seed corpus', seeds, en(EN_DECOY)],
    ['English decoy, corpus with the Russian original', original, en(EN_DECOY)],
    ['English decoy, corpus with the wire wording', wire, en(EN_DECOY)],
    ['Russian decoy, corpus with the Russian original', original, ru(RU_DECOY)],
    ['Russian decoy, corpus with a Russian translation', translation, ru(RU_DECOY)],
    ['Russian decoy, seed corpus', seeds, ru(RU_DECOY)],
  ];
  for (const [name, m, text] of table) {
    it(name, () => {
      expect(one(m.findAll(text)).verdict).toBe('unverified');
    });
  }
});

describe('the rule’s pieces', () => {
  it('the stem key the candidate filter counts never parts two words of one stem', () => {
    // VariantFinder.find skips a wording when fewer than VARIANT_MIN_SHARED_WORDS of its keys
    // are the span's: sound only if sameStem(a, b) implies stemKey(a) === stemKey(b).
    const word = fc.string({ unit: fc.constantFrom(...'abcdeкирлицаéè'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        if (sameStem(a, b)) expect(stemKey(a)).toBe(stemKey(b));
      }),
      { numRuns: 5000 },
    );
    // And the key does part words: else the filter would filter nothing.
    expect(stemKey('ceasefire')).not.toBe(stemKey('truce'));
    expect(stemKey('war').length).toBe(VARIANT_STEM_MIN);
  });

  it('stems: endings vary, different words do not meet', () => {
    const same: [string, string][] = [['войны', 'войну'], ['мир', 'мира'], ['перемирие', 'перемирия'], ['ukraine', 'ukrainians'], ['prepare', 'prepared'], ['guerra', 'guerre']];
    const other: [string, string][] = [['передышку', 'перевести'], ['war', 'was'], ['peace', 'place'], ['мир', 'миру'.slice(0, 2)]];
    for (const [a, b] of same) expect(sameStem(a, b), `${a} ~ ${b}`).toBe(true);
    for (const [a, b] of other) expect(sameStem(a, b), `${a} !~ ${b}`).toBe(false);
  });

  it('content words leave function words out, in each language', () => {
    expect(contentWords('We want peace, not a ceasefire')).toEqual(['want', 'peace', 'ceasefire']);
    expect(contentWords('Мы не хотим перемирия')).toEqual(['хотим', 'перемирия']);
    expect(contentWords('Ми не хочемо перемир’я з ними')).toEqual(['хочемо', "перемир'я"]);
    expect(contentWords('Не искаме примирие, за да дадем на Украйна почивка')).toEqual(['искаме', 'примирие', 'дадем', 'украйна', 'почивка']);
    expect(contentWords("Vogliamo la pace, non una tregua per l'Ucraina")).toEqual(['vogliamo', 'pace', 'tregua', 'ucraina']);
    expect(sharedWords(contentWords(EN_DECOY), contentWords(Q.notATruce.text))).toBe(2);
  });

  it('date window: partial dates compare by the days they cover', () => {
    expect(withinDateWindow('2025-12-16', '2025-12-16T10:00:00Z')).toBe(true);
    expect(withinDateWindow('2025-12-16', '2026-01-16')).toBe(true);
    expect(withinDateWindow('2025-12-16', '2026-01-17')).toBe(false);
    expect(withinDateWindow('2025-12', '2025-11-30')).toBe(true);
    expect(withinDateWindow('2025-12-16', undefined)).toBe(true);
  });
});

describe('the host passes the page’s date to the variant rule', () => {
  it('a page published within the window lists the variant; one published months later does not', async () => {
    const { createHost } = await import('../../../src/host/host');
    const corpus = { version: 1, name: 'seeds', documents: [], quotes: QUOTES };
    const host = createHost(corpus);
    const scan = (pagePublished?: string) =>
      host.scan({ type: 'qv:scan', text: en(EN_WIRE), ...(pagePublished ? { pagePublished } : {}) }).findings.map((f) => f.verdict);
    expect(scan()).toEqual(['variant']);
    expect(scan('2025-12-17T08:00:00Z')).toEqual(['variant']);
    expect(scan('2026-06-01')).toEqual(['unverified']);
    const sliced = await host.scanSliced({ type: 'qv:scan', text: en(EN_WIRE), pagePublished: '2026-06-01' }, () => Promise.resolve());
    expect(sliced.findings.map((f) => f.verdict)).toEqual(['unverified']);
  });
});

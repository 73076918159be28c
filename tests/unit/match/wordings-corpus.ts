/**
 * Other wordings of the seed statement of 16 December 2025 (issue 17), for the
 * matcher's tests.
 *
 * - RU_ORIGINAL is Peskov's remark in Russian as Interfax quoted it (reprinted by
 *   news.mail.ru, newdaynews.ru and unian.net the same day; Kommersant prints the same
 *   words with a comma for the first full stop). The source is named with it.
 * - RU_DECOY / EN_DECOY: the sentence he said minutes later at the same briefing
 *   (same outlets), and its English rendering: the same speaker, the same day, many
 *   of the same words, another statement.
 * - EN_WIRE: the wire-service English rendering the issue quotes.
 * - RU_TRANSLATION_FIXTURE is NOT a published text: a made-up Russian rendering of
 *   the corpus's English wording, a test fixture standing for "a vetted Russian
 *   translation of a different wording".
 */
import type { Quote } from '../../../src/corpus/schema';
import { Q, QUOTES } from './peskov-corpus';

export const RU_ORIGINAL = 'Мы хотим мира. Мы не хотим перемирия, чтобы дать передышку Украине и подготовиться к продолжению войны';
export const RU_ORIGINAL_SOURCE = {
  title: 'Peskov on a Christmas truce, 16 December 2025, as quoted by Interfax',
  publisher: 'Interfax (reprinted by news.mail.ru)',
  url: 'https://news.mail.ru/politics/69115840/',
  published: '2025-12-16',
};
export const RU_DECOY = 'Мы хотим остановить эту войну, достичь наших целей, обеспечить наши интересы и гарантировать мир в Европе на будущее';
export const EN_DECOY = 'We want to stop this war, achieve our goals, secure our interests and guarantee peace in Europe for the future';
export const EN_WIRE = 'We want peace, not a ceasefire, which will give Ukrainians peace and allow them to prepare for the continuation of the war';
/** Test fixture, not a published text (see above). */
export const RU_TRANSLATION_FIXTURE = 'мир, а не перемирие, которое позволит Украине перевести дух и подготовиться к продолжению войны';

const speaker = { ...Q.notATruce.speaker, aliases: [...(Q.notATruce.speaker.aliases ?? []), 'Дмитрий Песков'] };

function withWordings(extra: Partial<Quote>): Quote[] {
  return QUOTES.map((q) => (q.id === Q.notATruce.id ? { ...q, speaker, ...extra } : { ...q, speaker }));
}

/** The seed records, the 16 December one holding its Russian original. */
export const WITH_ORIGINAL = withWordings({ original: { lang: 'ru', text: RU_ORIGINAL, source: RU_ORIGINAL_SOURCE } });

/** The seed records, the 16 December one holding only a vetted Russian translation of its English wording (fixture). */
export const WITH_TRANSLATION = withWordings({
  variants: [{ kind: 'translation', lang: 'ru', text: RU_TRANSLATION_FIXTURE, source: { title: 'Test fixture translation', publisher: 'Quote Verifier tests' } }],
});

/** The seed records, the 16 December one holding the wire wording as a vetted outlet wording. */
export const WITH_WIRE = withWordings({
  variants: [{ kind: 'outlet', lang: 'en', text: EN_WIRE, source: { title: 'Wire report, 16 December 2025', publisher: 'a wire service' } }],
});

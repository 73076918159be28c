/**
 * Corpus records for the engine's tests, as the corpus builder writes them.
 * The wording of q1-q6 is copied from the seed documents (/work/shared/seeds);
 * q7 and q8 are made up in the same style, for a number and a modal verb.
 */
import type { Quote } from '../../../src/corpus/schema';

const speaker = { name: 'Dmitry Peskov', role: 'Kremlin spokesman', aliases: ['Peskov', 'Дмитро Пєсков'] };

const seed0 = {
  docId: '000_b8ddd4ea2b62c233',
  title: 'Kremlin Rejects Ceasefire Proposals as Russia Maintains Hardline Peace Conditions',
  url: 'https://intinsight.blogspot.com/2025/12/kremlin-response-ukraine-peace-talks.html',
};
const seed1 = {
  docId: '001_6fe8beb8b73725d2',
  title: 'Kremlin rejects the idea of a truce with Ukraine, hinting for the first time at a possible deployment of European troops',
  url: 'https://timeukraineisrael.com/?p=36876',
};

function quote(id: string, text: string, kind: Quote['kind'], date: string, source: typeof seed0): Quote {
  return {
    id,
    text,
    kind,
    speaker,
    date,
    datePrecision: 'day',
    dateBasis: 'weekday',
    sources: [source],
    context: '',
  };
}

export const Q = {
  noTexts: quote(
    'q_a00000000001',
    'We have only seen newspaper articles so far, and we will not respond to them. We have not seen any texts yet',
    'direct',
    '2025-12-16',
    seed0,
  ),
  notATruce: quote(
    'q_a00000000002',
    'peace, not a truce that would allow Ukraine to catch its breath and prepare for continuation of the war.',
    'partial',
    '2025-12-16',
    seed0,
  ),
  truceInItself: quote(
    'q_a00000000003',
    'A truce in itself is not what we want. We need a peace that will come after all our conditions are met and our goals are achieved.',
    'direct',
    '2024-12-13',
    seed1,
  ),
  tooEarly: quote(
    'q_a00000000004',
    'All of this can be discussed during the negotiations, but it is too early to get ahead of ourselves',
    'direct',
    '2024-12-13',
    seed1,
  ),
  istanbul: quote(
    'q_a00000000005',
    'We are ready for discussions on the basis of those agreements, but Kyiv rules out this possibility',
    'direct',
    '2024-12-13',
    seed1,
  ),
  integral: quote(
    'q_a00000000006',
    'integral and equal subjects of the Russian Federation.',
    'partial',
    '2025-12-16',
    seed0,
  ),
  points: quote(
    'q_a00000000007',
    'We have received 28 points from the Americans, and our experts are studying them carefully.',
    'direct',
    '2025-12-16',
    seed0,
  ),
  contacts: quote(
    'q_a00000000008',
    'Contacts with the American side can continue at the level of experts in the coming days.',
    'direct',
    '2025-12-16',
    seed0,
  ),
} as const;

export const QUOTES: Quote[] = Object.values(Q);

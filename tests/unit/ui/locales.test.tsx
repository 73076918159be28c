// @vitest-environment happy-dom
/**
 * The UI's catalogues (public/_locales/en and uk, browser.i18n's format): both
 * hold every message the UI asks for, with the same substitutions, and the
 * card reads in Ukrainian when the browser's language is Ukrainian.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import en from '../../../public/_locales/en/messages.json';
import uk from '../../../public/_locales/uk/messages.json';
import { catalogueSource, setMessageSource, type Catalogue } from '../../../src/ui/i18n';
import { DIFF_LABEL, FLAG_TEXT } from '../../../src/ui/labels';
import { VERDICT_NAMES, VERDICTS } from '../../../src/match/verdicts';
import { QuoteCard } from '../../../src/ui/quote-card';
import type { Finding } from '../../../src/match/types';
import { PESKOV } from '../host/sample-corpus';

const root = path.resolve(__dirname, '../../..');
const catalogues: Record<string, Catalogue> = { en, uk };

/** Every message key the UI's source names: t('key', …) calls and the key tables. */
function keysUsed(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) for (const m of readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
    }
  };
  walk(path.join(root, 'src/ui'));
  for (const f of Object.values(FLAG_TEXT)) keys.add(f.label).add(f.explanation);
  for (const k of Object.values(DIFF_LABEL)) keys.add(k);
  for (const v of VERDICT_NAMES) keys.add(VERDICTS[v].message);
  const meaning = readFileSync(path.join(root, 'src/ui/meaning-text.ts'), 'utf8');
  for (const m of meaning.matchAll(/'(consequence[A-Za-z]+)'/g)) keys.add(m[1]!);
  return keys;
}

const placeholders = (message: string) => [...message.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('locale catalogues', () => {
  it('every message the UI asks for is in both catalogues', () => {
    const used = keysUsed();
    expect(used.size).toBeGreaterThan(60);
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      const missing = [...used].filter((k) => !catalogue[k]);
      expect(missing, `missing in _locales/${lang}`).toEqual([]);
    }
  });

  it('both catalogues hold the same keys, none empty, with the same substitutions, in browser.i18n’s key syntax', () => {
    expect(Object.keys(uk).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en as Catalogue)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(message.trim(), key).not.toBe('');
      expect((uk as Catalogue)[key]!.message.trim(), key).not.toBe('');
      expect(placeholders((uk as Catalogue)[key]!.message), key).toEqual(placeholders(message));
    }
  });

  it('the missing-key check can fail: a catalogue without a used key is caught', () => {
    const used = keysUsed();
    const { verdictAltered: _dropped, ...partial } = uk as Catalogue;
    expect([...used].filter((k) => !(partial as Catalogue)[k])).toEqual(['verdictAltered']);
  });
});

describe('the card in Ukrainian', () => {
  afterEach(() => {
    setMessageSource(undefined);
    cleanup();
  });

  it('reads in Ukrainian when the browser’s messages are Ukrainian', () => {
    setMessageSource(catalogueSource(uk));
    const finding: Finding = {
      verdict: 'altered',
      quoteId: PESKOV.id,
      score: 0.9,
      start: 0,
      end: 10,
      text: 'we will respond',
      diff: [
        { op: 'equal', text: 'we will' },
        { op: 'delete', text: 'not' },
        { op: 'equal', text: 'respond' },
      ],
      flags: ['negation'],
    };
    const { container } = render(
      <QuoteCard finding={finding} quote={PESKOV} corpus={{ ok: true, name: 'Корпус', quoteCount: 2 }} onClose={() => {}} onCopyCitation={() => {}} lang="uk" />,
    );
    expect(container.querySelector('.qv-verdict-word')!.textContent).toBe('Змінено');
    expect(container.querySelector('.qv-summary')!.textContent).toBe('Сторінка пропускає “not”: зміст заяви перевернуто.');
    const text = container.textContent!;
    for (const english of ['Speaker', 'Source', 'Copy citation', 'What was said', 'This page’s version', 'Negation changed']) {
      expect(text, english).not.toContain(english);
    }
  });
});

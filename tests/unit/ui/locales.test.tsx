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
import { withCallouts } from '../../../src/host/answers';
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
      else if (/\.tsx?$/.test(name)) for (const m of readFileSync(p, 'utf8').matchAll(/\bt(?:Parts)?\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
    }
  };
  walk(path.join(root, 'src/ui'));
  // The extension pages compose the views and name a few messages themselves (titles, errors).
  for (const page of ['popup', 'sidepanel', 'options', 'welcome']) walk(path.join(root, 'entrypoints', page));
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
    expect(used.size).toBeGreaterThan(150);
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

  it('each catalogue names its own language (catalogueLanguage), which the pages use for lang and dates', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) expect(catalogue.catalogueLanguage?.message).toBe(lang);
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
    const finding: Finding = withCallouts({
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
    });
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

describe('the extension pages in Ukrainian', () => {
  afterEach(() => {
    setMessageSource(undefined);
    cleanup();
  });

  /** English words that must not survive in a Ukrainian page (headings, labels, buttons, notes). */
  const ENGLISH = /\b(On this page|Quotations|Search the corpus|Settings|Pause on this site|Corpus|Name|Version|Built|Copy|Show more|Scanning|Marks on the page|Sites|Highlight style|Resume|Changes are saved|verified quotations|does not mean|What the corpus covers|How to use it|Open in side panel|Check this)\b/;

  it('the popup with the search, corpus and pause panels has no English words of its own', async () => {
    setMessageSource(catalogueSource(uk), 'uk');
    const { PopupView } = await import('../../../src/ui/popup/popup-view');
    const { SitePause, SettingsButton } = await import('../../../src/ui/popup/site-pause');
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          data: {
            type: 'qv:tab-findings',
            tabId: 1,
            counts: { verified: 1, altered: 0, misattributed: 0, variant: 0, unverified: 0 },
            findings: [{ verdict: 'verified', quoteId: PESKOV.id, text: PESKOV.text, speaker: 'Dmitry Peskov', date: '2025-12-16' }],
            limit: { characters: 5_000_000 },
            corpus: {
              ok: true,
              name: 'Sample corpus',
              quoteCount: 2,
              documentCount: 1,
              version: '2026.11',
              builtAt: '2026-11-23T10:04:00Z',
              sha256: 'a'.repeat(64),
              scope: { speakerCount: 2, topSpeakers: ['Dmitry Peskov', 'Volodymyr Zelensky'], from: '2025-12-01', to: '2025-12-16' },
            },
          },
        }}
        site={<SitePause state={{ status: 'ready', host: 'example.org', paused: true, autoScan: true }} onToggle={() => {}} />}
        footer={<SettingsButton onOpen={() => {}} contact="mailto:x@example.org" />}
        search={() => Promise.resolve({ type: 'qv:search', query: '', hits: [], corpus: { ok: true, name: 'x', quoteCount: 0 } })}
        onOpenPanel={() => {}}
      />,
    );
    const text = container.textContent!;
    expect(text).toContain('На цій сторінці');
    expect(text).toContain('грудня 2025'); // dates in the UI's language
    expect(text).toContain('5 000 000'.replace(/ /g, '\u00a0'));
    // A date ending in "р." closes the scope sentence with one full stop.
    expect(text).toMatch(/2025 р\.(?!\.)/);
    expect(text).not.toContain('р..');
    expect(text.match(ENGLISH)?.[0]).toBeUndefined();
  });

  it('the options page and the first-run page have no English words of their own', async () => {
    setMessageSource(catalogueSource(uk), 'uk');
    const { OptionsView } = await import('../../../src/ui/options/options-view');
    const { WelcomeView } = await import('../../../src/ui/welcome/welcome-view');
    const { defaultSettings } = await import('../../../src/settings/settings');
    const options = render(<OptionsView settings={{ ...defaultSettings(), pausedSites: ['example.org'] }} save={{ status: 'idle' }} onChange={() => {}} />);
    expect(options.container.textContent!.match(ENGLISH)?.[0]).toBeUndefined();
    cleanup();
    const welcome = render(
      <WelcomeView
        name="Quote Verifier"
        shortcut="Alt+Shift+V"
        onOpenSettings={() => {}}
        corpus={{ ok: true, name: 'Quote Verifier corpus', quoteCount: 8, scope: { speakerCount: 1, topSpeakers: ['Dmitry Peskov'], from: '2025-12-01', to: '2025-12-16' } }}
      />,
    );
    const text = welcome.container.textContent!.replace(/Quote Verifier( corpus)?/g, '');
    expect(text.match(ENGLISH)?.[0]).toBeUndefined();
    expect(text).toContain('не означає');
  });
});

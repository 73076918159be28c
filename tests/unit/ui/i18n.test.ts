/**
 * `t` reads the source an entrypoint set, then the fallback, then gives the key
 * (src/ui/i18n.ts). The extension sets no fallback: the browser's getMessage falls back to
 * the default locale itself, and no bundle carries the English catalogue (issue 16).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import { catalogueSource, setFallbackMessages, setMessageSource, t } from '../../../src/ui/i18n';

const root = path.resolve(__dirname, '../../..');

describe('t', () => {
  afterEach(() => {
    setFallbackMessages(catalogueSource(en));
    setMessageSource(undefined);
  });

  it('reads the source first, the fallback for a key the source lacks, and the key when neither has it', () => {
    setMessageSource(catalogueSource({ verdictAltered: { message: 'Змінено' } }), 'uk');
    expect(t('verdictAltered')).toBe('Змінено');
    expect(t('verdictVerified')).toBe(en.verdictVerified.message);
    setFallbackMessages(undefined);
    expect(t('verdictVerified')).toBe('verdictVerified');
  });

  it('without a source or a fallback (an extension page before its entrypoint sets one) answers with keys', () => {
    setFallbackMessages(undefined);
    setMessageSource(undefined);
    expect(t('verdictAltered')).toBe('verdictAltered');
  });

  it('substitutes $1…$9 positionally', () => {
    setMessageSource(catalogueSource({ summaryAltered: { message: '$2 / $1' } }));
    expect(t('summaryAltered', 'a', 7)).toBe('7 / a');
  });
});

describe('no bundled catalogue', () => {
  it('no extension source imports a message catalogue as a value (types only)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*_locales\/[^;]*;/gm)) offenders.push(`${path.relative(root, p)}: ${m[0]}`);
        }
      }
    };
    walk(path.join(root, 'src'));
    walk(path.join(root, 'entrypoints'));
    expect(offenders).toEqual([]);
  });
});

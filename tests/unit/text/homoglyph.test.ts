import { describe, expect, it } from 'vitest';
import { dominantScript, foldToScript, isLatinLookalike, isMixedScript, scriptOf } from '../../../src/text';

describe('homoglyphs', () => {
  it('knows the scripts of letters', () => {
    expect(scriptOf('a'.codePointAt(0)!)).toBe('latin');
    expect(scriptOf('а'.codePointAt(0)!)).toBe('cyrillic');
    expect(scriptOf('α'.codePointAt(0)!)).toBe('greek');
    expect(scriptOf('1'.codePointAt(0)!)).toBe('other');
  });

  it.each([
    ['pеace', true], // Cyrillic е
    ['peace', false],
    ['мир', false],
    ['Kyiv’s', false],
    ['αlpha', true], // Greek α
    ['мaма', true], // Latin a in a Russian word
    ['café', false],
  ])('%s mixes scripts: %s', (word, mixed) => {
    expect(isMixedScript(word)).toBe(mixed);
  });

  it('folds a mixed word to its main script', () => {
    expect(foldToScript('pеace', dominantScript('pеace'))).toBe('peace');
    expect(foldToScript('мaма', dominantScript('мaма'))).toBe('мама');
    expect(foldToScript('αlpha', 'latin')).toBe('alpha');
  });

  it('recognises a whole word of Latin look-alikes', () => {
    expect(isLatinLookalike('реасе')).toBe(true); // all Cyrillic
    expect(isLatinLookalike('мир')).toBe(false); // и has no Latin look-alike
    expect(isLatinLookalike('peace')).toBe(false);
    expect(foldToScript('реасе', 'latin')).toBe('peace');
  });
});

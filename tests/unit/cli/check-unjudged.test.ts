import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/cli/check/engine';
import { extractText } from '../../../src/cli/check/extract';
import { PESKOV, sampleCorpus } from '../host/sample-corpus';

describe('check: text the collector cannot judge as drawn', () => {
  const checker = createChecker(sampleCorpus(), 'corpus.json');
  if (!checker.ok) throw new Error(checker.error);

  it('never verifies a quotation reordered by a bidi override, as the extension does not', async () => {
    const html = `<!doctype html><html><body><p>Peskov said: “${PESKOV.text.replace('not respond', '\u202Enot\u202C respond')}”</p></body></html>`;
    const article = await extractText(html, 'html');
    expect(article.unjudged?.map((u) => u.reason)).toEqual(['bidi']);
    const { findings } = checker.scan(article.text, article.unjudged);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.verdict).toBe('unverified');
    expect(findings[0]!.flags).toContain('rendering');
  });

  it('verifies the same quotation drawn plainly', async () => {
    const article = await extractText(`<!doctype html><html><body><p>Peskov said: “${PESKOV.text}”</p></body></html>`, 'html');
    expect(article.unjudged).toBeUndefined();
    expect(checker.scan(article.text, article.unjudged).findings[0]!.verdict).toBe('verified');
  });
});

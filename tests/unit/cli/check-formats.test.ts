/**
 * `check --format github|sarif` on real processes: annotations carry the file,
 * line and column of each altered or misattributed quotation (HTML included),
 * and nothing for verified or unverified ones.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const FIXTURES = 'tests/fixtures/check';
const CORPUS = `${FIXTURES}/corpus.json`;
const CLI_TEST_TIMEOUT_MS = 60_000;

describe('check output formats', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('github: one ::error per altered or misattributed quotation, with line and column, HTML included', async () => {
    const r = await runCli(['check', `${FIXTURES}/altered.html`, `${FIXTURES}/misattributed.md`, `${FIXTURES}/exact.txt`, '--format', 'github', '--corpus', CORPUS]);
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^::error file=tests\/fixtures\/check\/altered\.html,line=11,col=9,title=Altered quotation::“We have only seen/);
    expect(errors[1]).toMatch(/^::error file=tests\/fixtures\/check\/misattributed\.md,line=\d+,col=\d+,title=Misattributed quotation::/);
  });

  it('sarif: a SARIF 2.1.0 log with one result per failing quotation and its region', async () => {
    const r = await runCli(['check', `${FIXTURES}/altered.html`, '--format', 'sarif', '--corpus', CORPUS]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; charOffset: number } } }[] }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe('quote-verifier');
    expect(run!.results).toHaveLength(1);
    const result = run!.results[0]!;
    expect(result).toMatchObject({ ruleId: 'altered', level: 'error' });
    expect(result.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'tests/fixtures/check/altered.html' },
      region: { startLine: 11, startColumn: 9 },
    });
  });
});

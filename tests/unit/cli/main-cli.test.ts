/**
 * The top-level command: --version, --help with exit codes, and "did you mean"
 * for a mistyped command or option (real processes, and the suggester itself).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argumentError, closest } from '../../../src/cli/suggest';
import { ROOT, runCli } from './run-cli';

const CLI_TEST_TIMEOUT_MS = 60_000;
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('quote-verifier', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`quote-verifier ${VERSION}\n`);
  });

  it('--help documents the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {2}success[^\n]*\n {2}1 {2}check: an altered or misattributed quotation/);
  });

  it('a mistyped command gets a suggestion and exit 2', async () => {
    const r = await runCli(['chek', 'a.html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "chek" (did you mean check?)');
  });
});

describe('suggestions', () => {
  it('suggests the nearest option within reach, and nothing for a stranger', () => {
    expect(closest('--jsn', ['--json', '--corpus'])).toBe('--json');
    expect(closest('--strcit', ['--strict', '--check'])).toBe('--strict');
    expect(closest('--frobnicate', ['--json', '--corpus'])).toBeUndefined();
  });

  it("rewrites parseArgs' messages", () => {
    const unknown = Object.assign(new Error("Unknown option '--corpsu'. To specify a positional argument…"), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    expect(argumentError(unknown, ['corpus', 'json'])).toBe('unknown option --corpsu (did you mean --corpus?)');
    const missing = Object.assign(new Error("Option '-o, --out <value>' argument missing"), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    expect(argumentError(missing, ['out'])).toBe('--out needs a value');
  });
});

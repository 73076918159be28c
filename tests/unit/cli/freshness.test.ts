import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleSource } from '../../../src/cli/freshness';

describe('the compiled CLI knows when src/ changed after its build', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function checkout(files: Record<string, number>): void {
    root = mkdtempSync(join(tmpdir(), 'qv-fresh-'));
    mkdirSync(join(root, 'src'));
    for (const [file, mtime] of Object.entries(files)) {
      writeFileSync(join(root, file), '');
      utimesSync(join(root, file), mtime / 1000, mtime / 1000);
    }
  }

  it('current when every bundled file is older than the build', () => {
    checkout({ 'src/a.ts': 1_000_000, 'src/b.ts': 2_000_000 });
    expect(staleSource(root, { builtAt: 3_000_000, sources: ['src/a.ts', 'src/b.ts'] })).toBeUndefined();
  });

  it('names the file edited after the build', () => {
    checkout({ 'src/a.ts': 1_000_000, 'src/b.ts': 4_000_000 });
    expect(staleSource(root, { builtAt: 3_000_000, sources: ['src/a.ts', 'src/b.ts'] })).toBe('src/b.ts');
  });

  it('names a bundled file that is gone', () => {
    checkout({ 'src/a.ts': 1_000_000 });
    expect(staleSource(root, { builtAt: 3_000_000, sources: ['src/a.ts', 'src/gone.ts'] })).toBe('src/gone.ts');
  });
});

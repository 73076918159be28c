#!/usr/bin/env node
// Compiles the CLI (src/cli) into dist/cli/quote-verifier.mjs: one bundled ES module with
// every dependency inside, so the installed package needs no TypeScript compiler, no WXT and
// no node_modules at run time (issue 15: tsx compiled the sources on every call: --help took
// 0.7 s). Subcommands stay separate chunks, loaded on use, so `--help` reads only the entry.
// Run by `npm run build` (first), by `prepare` (npm ci, npm pack) and by the pack test.
// Usage: node scripts/build-cli.mjs [--out-dir <dir>] [--quiet]
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out-dir');
const outDir = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(ROOT, 'dist', 'cli');
const quiet = args.includes('--quiet');
/** The oldest Node the package supports (package.json engines). */
const NODE_TARGET = 'node20.19';

const started = performance.now();
// Stale chunks (hashed names) of an earlier build must not pile up.
rmSync(outDir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { 'quote-verifier': 'src/cli/bin.ts' },
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: NODE_TARGET,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give them Node's.
  banner: { js: "import { createRequire as __qvRequire } from 'node:module'; const require = __qvRequire(import.meta.url);" },
});
// The project's own files this build read, for the compiled CLI's freshness check in a source
// checkout (src/cli/freshness.ts): a file edited after this build makes it rebuild first.
const sources = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
writeFileSync(join(outDir, 'sources.json'), JSON.stringify({ builtAt: Date.now(), sources }));
if (!quiet) {
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
  const total = outputs.reduce((n, [, o]) => n + o.bytes, 0);
  const entry = outputs.find(([f]) => f.endsWith('quote-verifier.mjs'));
  process.stdout.write(
    `build-cli: ${relative(process.cwd(), outDir) || '.'}: ${outputs.length} files, ${(total / 1024).toFixed(0)} KiB ` +
      `(entry ${((entry?.[1].bytes ?? 0) / 1024).toFixed(1)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

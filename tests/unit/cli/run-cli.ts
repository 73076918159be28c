/**
 * Runs the real `quote-verifier` in a child process, as a user would: with
 * the environment of the test minus QUOTE_VERIFIER_CONFIG, NO_COLOR and
 * FORCE_COLOR unless `env` sets them, and stdin closed (or given).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The development entry (TypeScript through tsx); QV_CLI_BIN may name another (e.g. the compiled one). */
export const BIN = process.env.QV_CLI_BIN ?? join(ROOT, 'bin/quote-verifier.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string; bin?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['QUOTE_VERIFIER_CONFIG', 'NO_COLOR', 'FORCE_COLOR']) delete env[name];
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

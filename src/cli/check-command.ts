/**
 * `quote-verifier check`: the extension's engine on article files, for
 * editors before publication and for newsroom pipelines.
 *
 * The text of each file goes through the same steps as a page in the
 * browser: HTML through the content script's text collector (on linkedom),
 * then the background's engine host. Unreadable files are reported and the
 * others still checked; the exit code then says the run was incomplete (2).
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { CHECK_USAGE, parseCheckArgs, UsageError, type CheckOptions } from './check/args';
import { CorpusError, readCorpusJson, reason } from './check/corpus';
import { ConfigError } from '../config/config-names';
import { describeSource, resolveCorpusSource, type CorpusSource } from './corpus-source';
import { createChecker, type Checker } from './check/engine';
import { decodeStream, formatFromName, InputError, sniffFormat, type InputFormat } from './check/extract';
import { scanFile } from './check/scan-file';
import { packageVersion } from '../config/package-root';
import { formatGithub, formatSarif } from './check/annotations';
import { COLOUR, formatFile, formatSummary, PLAIN, safe, wantsColour } from './check/human';
import { expandInputs, type Input } from './check/inputs';
import { exitCode, summarize, type FileReport, type Report } from './check/report';

/** The streams and environment `check` runs with; the real process by default, so tests can pass others. */
export interface CheckIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Bytes read at a time: large reads are fewer system calls; memory is bounded by the windows, not by this. */
const READ_CHUNK_BYTES = 1 << 20;
/** Above this many files, progress is shown on stderr: a handful of files finishes before anyone looks. */
const PROGRESS_MIN_FILES = 5;
/** Off a terminal (CI logs), one progress line at most this often, so long runs show life without flooding the log. */
const PROGRESS_LOG_INTERVAL_MS = 2000;

export async function checkCommand(argv: string[]): Promise<number> {
  // `check ... | head`: a reader that stops reading is not an error; keep the exit code the findings give.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return runCheck(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  });
}

export async function runCheck(argv: string[], io: CheckIO): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`quote-verifier check: ${message}\n`);
    return 2;
  };

  let options: CheckOptions;
  try {
    options = parseCheckArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n\n${CHECK_USAGE}`);
    throw error;
  }
  if (options.help) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }

  let source: CorpusSource;
  let checker: Checker;
  try {
    source = await resolveCorpusSource({ corpus: options.corpus, config: options.config }, 'bundled', io.env, io.cwd);
    checker = createChecker(await readCorpusJson(source.file, source.shown), source.shown);
  } catch (error) {
    if (error instanceof CorpusError || error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  if (!checker.ok) return fail(checker.error);
  const from = describeSource(source, io.cwd);
  io.stderr.write(`quote-verifier check: corpus ${safe(from)}\n`);

  const inputs = await expandInputs(options.inputs, io.cwd);
  const json = options.output === 'json';
  const style = options.output === 'human' && wantsColour(io.stdout.isTTY, io.env) ? COLOUR : PLAIN;
  const progress = new Progress(io.stderr, inputs.length);
  const files: FileReport[] = [];
  for (const input of inputs) {
    progress.update(files.length, input.path);
    const file = await checkOne(input, options.inputFormat, checker, io);
    if (file.error !== undefined) {
      progress.clear();
      io.stderr.write(`quote-verifier check: ${safe(file.path)}: ${safe(file.error)}\n`);
    }
    files.push(file);
    if (options.output === 'human') {
      progress.clear();
      io.stdout.write(`${formatFile(file, style)}\n`);
    }
  }
  progress.done(files.length);

  const report: Report = {
    corpus: { path: source.shown, from, name: checker.name, quotes: checker.quoteCount },
    files,
    summary: summarize(files),
  };
  if (json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.output === 'github') io.stdout.write(formatGithub(report) + formatSummary(report, PLAIN));
  else if (options.output === 'sarif') io.stdout.write(formatSarif(report, packageVersion()));
  else io.stdout.write(formatSummary(report, style));
  return exitCode(report);
}

async function checkOne(input: Input, forced: InputFormat | undefined, checker: Extract<Checker, { ok: true }>, io: CheckIO): Promise<FileReport> {
  if (input.kind === 'error') return { path: input.path, format: null, error: input.error, findings: [] };
  const named = input.kind === 'stdin' ? undefined : formatFromName(input.path);
  try {
    let decoded;
    try {
      // Streamed in bounded memory: the file is never read whole (./check/windows.ts).
      const bytes = input.kind === 'stdin' ? io.stdin : createReadStream(resolve(io.cwd, input.path), { highWaterMark: READ_CHUNK_BYTES });
      decoded = await decodeStream(bytes as AsyncIterable<Uint8Array>, forced ?? named);
    } catch (error) {
      if (error instanceof InputError) throw error;
      return { path: input.path, format: null, error: `cannot read: ${reason(error)}`, findings: [] };
    }
    if (decoded === undefined) return { path: input.path, format: forced ?? named ?? 'text', findings: [] };
    const format = forced ?? named ?? (input.kind === 'stdin' ? sniffFormat(decoded.first) : 'text');
    const { first, rest } = decoded;
    const text = (async function* () {
      yield first;
      yield* rest;
    })();
    const scan = await scanFile(text, format, checker);
    return {
      path: input.path,
      format,
      findings: scan.findings,
      ...(scan.truncated ? { truncated: scan.truncated } : {}),
    };
  } catch (error) {
    if (error instanceof InputError) return { path: input.path, format: null, error: error.message, findings: [] };
    const e = error as NodeJS.ErrnoException;
    if (e.code !== undefined) return { path: input.path, format: null, error: `cannot read: ${reason(error)}`, findings: [] };
    throw error;
  }
}

/**
 * Progress on stderr, never stdout (stdout is the report, maybe JSON piped to
 * another tool). On a terminal: one line redrawn in place. Elsewhere: a line
 * every PROGRESS_LOG_INTERVAL_MS, then a final count.
 */
class Progress {
  private readonly enabled: boolean;
  private readonly live: boolean;
  private readonly started = Date.now();
  private lastLog = Date.now();
  private drawn = false;

  constructor(
    private readonly stream: CheckIO['stderr'],
    private readonly total: number,
  ) {
    this.enabled = total > PROGRESS_MIN_FILES;
    this.live = this.enabled && stream.isTTY === true;
  }

  update(done: number, path: string): void {
    if (!this.enabled) return;
    if (this.live) {
      this.stream.write(`\r\x1b[Kchecking ${done + 1}/${this.total} ${safe(path)}`);
      this.drawn = true;
    } else if (Date.now() - this.lastLog >= PROGRESS_LOG_INTERVAL_MS) {
      this.stream.write(`quote-verifier check: ${done}/${this.total} files checked\n`);
      this.lastLog = Date.now();
    }
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  done(count: number): void {
    if (!this.enabled) return;
    this.clear();
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`quote-verifier check: ${count} files checked in ${seconds} s\n`);
  }
}

/**
 * Byte-reproducible zip archives: the same files give the same bytes, whoever
 * builds them, wherever, whenever. Everything a zip records besides the file
 * contents is fixed:
 * - entries sorted by path (byte order of the UTF-8 name), files only, no directories;
 * - one timestamp for every entry (SOURCE_DATE_EPOCH, else the commit time);
 * - Unix permissions 0644 (0755 for files git marks executable), "made on Unix";
 * - DEFLATE at a fixed level, done by fflate, which is plain JavaScript: its output
 *   does not depend on the zlib that a particular Node release bundles.
 *
 * WXT's own `wxt zip` stamps every entry with the current time (JSZip's default)
 * and takes files in glob order, so two runs never match; hence this module.
 */
import { zipSync, type ZipOptions } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  data: Uint8Array;
  /** Unix permission bits; 0o644 unless given. */
  mode?: number;
}

/** Highest DEFLATE level: packages are built rarely and downloaded often. */
const DEFLATE_LEVEL = 9;
/** Zip (MS-DOS) timestamps cannot say anything before 1980-01-01T00:00:00Z. */
export const DOS_EPOCH_SECONDS = 315_532_800;
/** ...nor after 2107-12-31T23:59:58Z. */
const DOS_LAST_SECONDS = 4_354_819_198;
/** "Version made by" host: 3 = Unix, so readers honour the permission bits. */
const OS_UNIX = 3;
/** File type bits of a regular file, stored above the permission bits. */
const S_IFREG = 0o100000;

/**
 * The timestamp every entry gets, in seconds since 1970, following the
 * reproducible-builds convention: SOURCE_DATE_EPOCH when set, else the commit
 * time given (`git log -1 --format=%ct`), else 1980-01-01 (the earliest a zip
 * can record). Clamped to what a zip can record.
 */
export function archiveEpoch(env: NodeJS.ProcessEnv, commitTime: number | undefined): number {
  const raw = env.SOURCE_DATE_EPOCH;
  let seconds: number;
  if (raw !== undefined && raw !== '') {
    if (!/^\d+$/.test(raw)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${raw}"`);
    seconds = Number(raw);
  } else seconds = commitTime ?? DOS_EPOCH_SECONDS;
  return Math.min(Math.max(seconds, DOS_EPOCH_SECONDS), DOS_LAST_SECONDS);
}

/** Compare as UTF-8 bytes, the order a zip's names are stored in (not UTF-16 code units). */
export function compareZipPaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The archive's bytes. Throws on duplicate or malformed paths rather than
 * writing an archive that extracts differently on different systems.
 */
export function createZip(entries: readonly ZipEntry[], epochSeconds: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => compareZipPaths(a.path, b.path));
  for (const [i, entry] of sorted.entries()) {
    if (entry.path === '' || entry.path.startsWith('/') || entry.path.includes('\\') || entry.path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new Error(`zip: bad entry path "${entry.path}"`);
    }
    // fflate takes the entries as an object: integer-like keys would be reordered.
    if (/^(0|[1-9]\d*)$/.test(entry.path)) throw new Error(`zip: entry path "${entry.path}" looks like an array index; rename it`);
    if (i > 0 && sorted[i - 1]?.path === entry.path) throw new Error(`zip: duplicate entry "${entry.path}"`);
  }
  // fflate writes the DOS timestamp from the Date's LOCAL fields; in UTC they are
  // the same everywhere. Synchronous, so nothing else runs while TZ is changed.
  const savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    const mtime = new Date(epochSeconds * 1000);
    const files: Record<string, [Uint8Array, ZipOptions & { os: number; attrs: number; mtime: Date }]> = {};
    for (const entry of sorted) {
      const mode = entry.mode ?? 0o644;
      files[entry.path] = [entry.data, { level: DEFLATE_LEVEL, mtime, os: OS_UNIX, attrs: ((S_IFREG | mode) << 16) >>> 0 }];
    }
    return zipSync(files);
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
}

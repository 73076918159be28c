import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveEpoch, compareZipPaths, createZip, DOS_EPOCH_SECONDS } from '../../../scripts/zip/deterministic-zip.ts';
import { readCentralDirectory } from '../../e2e/packaging/zip-central-directory.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const EPOCH = 1_795_000_000; // 2026-11-18T09:46:40Z, an even second

describe('createZip', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('gives the same bytes whatever order the entries come in', () => {
    const a = createZip([{ path: 'b.js', data: bytes('b') }, { path: 'a/c.txt', data: bytes('c') }, { path: 'a.js', data: bytes('a') }], EPOCH);
    const b = createZip([{ path: 'a.js', data: bytes('a') }, { path: 'b.js', data: bytes('b') }, { path: 'a/c.txt', data: bytes('c') }], EPOCH);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(readCentralDirectory(Buffer.from(a)).map((e) => e.name)).toEqual(['a.js', 'a/c.txt', 'b.js']);
  });

  it('writes the same timestamp in every time zone, read back as UTC', () => {
    const zips = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'].map((tz) => {
      process.env.TZ = tz;
      return Buffer.from(createZip([{ path: 'x.txt', data: bytes('x') }], EPOCH));
    });
    for (const zip of zips) expect(zip.equals(zips[0] as Buffer)).toBe(true);
    const [entry] = readCentralDirectory(zips[0] as Buffer);
    expect(entry?.seconds).toBe(EPOCH);
    expect(entry?.local).toEqual({ dosTime: entry?.dosTime, dosDate: entry?.dosDate });
  });

  it('leaves the process time zone as it found it', () => {
    process.env.TZ = 'Asia/Kolkata';
    createZip([{ path: 'x.txt', data: bytes('x') }], EPOCH);
    expect(process.env.TZ).toBe('Asia/Kolkata');
  });

  it('records Unix modes 0644 by default and 0755 when asked, and round-trips the contents', () => {
    const zip = createZip([{ path: 'run', data: bytes('#!/bin/sh\n'), mode: 0o755 }, { path: 'README.md', data: bytes('hello') }], EPOCH);
    const modes = Object.fromEntries(readCentralDirectory(Buffer.from(zip)).map((e) => [e.name, e.unixMode.toString(8)]));
    expect(modes).toEqual({ 'README.md': '100644', run: '100755' });
    const files = unzipSync(zip);
    expect(new TextDecoder().decode(files['README.md'])).toBe('hello');
    expect(new TextDecoder().decode(files.run)).toBe('#!/bin/sh\n');
  });

  it('refuses duplicate, absolute, dotted and index-like paths', () => {
    const one = (path: string) => () => createZip([{ path, data: bytes('') }], EPOCH);
    expect(() => createZip([{ path: 'a', data: bytes('1') }, { path: 'a', data: bytes('2') }], EPOCH)).toThrow(/duplicate entry "a"/);
    expect(one('/etc/passwd')).toThrow(/bad entry path/);
    expect(one('a/../b')).toThrow(/bad entry path/);
    expect(one('a\\b')).toThrow(/bad entry path/);
    expect(one('42')).toThrow(/array index/);
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) vs U+1F600 (4 bytes, F0 9F 98 80): UTF-16 puts the emoji first.
    expect(compareZipPaths('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
  });
});

describe('archiveEpoch', () => {
  it('prefers SOURCE_DATE_EPOCH, then the commit time, then 1980', () => {
    expect(archiveEpoch({ SOURCE_DATE_EPOCH: '1700000000' }, EPOCH)).toBe(1_700_000_000);
    expect(archiveEpoch({}, EPOCH)).toBe(EPOCH);
    expect(archiveEpoch({ SOURCE_DATE_EPOCH: '' }, EPOCH)).toBe(EPOCH);
    expect(archiveEpoch({}, undefined)).toBe(DOS_EPOCH_SECONDS);
  });

  it('clamps to what a zip can record and rejects a malformed value', () => {
    expect(archiveEpoch({ SOURCE_DATE_EPOCH: '0' }, undefined)).toBe(DOS_EPOCH_SECONDS);
    expect(() => archiveEpoch({ SOURCE_DATE_EPOCH: '2026-11-23' }, undefined)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

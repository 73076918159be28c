/**
 * A small, independent reader of a zip's central directory (PKWARE APPNOTE
 * 4.3.12/4.3.16), for tests: it shares no code with the writer it checks.
 * Reads what reproducibility depends on: names and their order, timestamps,
 * the host and permission bits, and each entry's local header.
 */
export interface CentralEntry {
  name: string;
  /** High byte of "version made by": 3 = Unix. */
  madeBy: number;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  dosTime: number;
  dosDate: number;
  /** The DOS timestamp as seconds since 1970, read as UTC. */
  seconds: number;
  /** Unix mode (type and permission bits) from the external attributes. */
  unixMode: number;
  size: number;
  crc32: number;
  /** The local header's own timestamp, which must agree with the central one. */
  local: { dosTime: number; dosDate: number };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export function dosToSeconds(dosDate: number, dosTime: number): number {
  const year = 1980 + (dosDate >> 9);
  const month = (dosDate >> 5) & 0x0f;
  const day = dosDate & 0x1f;
  const hours = dosTime >> 11;
  const minutes = (dosTime >> 5) & 0x3f;
  const seconds = (dosTime & 0x1f) * 2;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds) / 1000;
}

export function readCentralDirectory(zip: Buffer): CentralEntry[] {
  // The end-of-central-directory record is 22 bytes plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: CentralEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`bad central directory header at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new Error(`bad local header at ${localOffset}`);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      madeBy: zip.readUInt8(at + 5),
      method: zip.readUInt16LE(at + 10),
      dosTime,
      dosDate,
      seconds: dosToSeconds(dosDate, dosTime),
      unixMode: zip.readUInt32LE(at + 38) >>> 16,
      size: zip.readUInt32LE(at + 24),
      crc32: zip.readUInt32LE(at + 16),
      local: { dosTime: zip.readUInt16LE(localOffset + 10), dosDate: zip.readUInt16LE(localOffset + 12) },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

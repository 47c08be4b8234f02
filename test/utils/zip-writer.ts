import * as zlib from 'zlib';

/** One entry of a test archive; the options forge hostile ones. */
export interface ZipEntry {
  name: string;
  data?: Buffer | string;
  /** `store` (default) or `deflate`. */
  method?: 'store' | 'deflate';
  /** Unix mode with its type bits, kept in the external attributes (0o120777: a symlink); default 0o100644. */
  mode?: number;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
  /** Already-compressed bytes (deflate) to use as the body, e.g. one bomb shared by many entries. */
  compressed?: Buffer;
  /** The real uncompressed size and CRC of `compressed` (required with it). */
  realSize?: number;
  realCrc?: number;
  /** The CRC-32 written in the headers, when it should lie. */
  crc?: number;
  /** Sets the "encrypted" flag bit (the data stays plain). */
  encrypted?: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (zlib.crc32 where Node has it). */
export function crc32(data: Buffer): number {
  const native = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;
  if (native) return native(data) >>> 0;
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A minimal zip writer: local headers, bodies, central directory, end record (no data descriptors, no zip64). */
export function buildZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
    const deflated = entry.compressed !== undefined || entry.method === 'deflate';
    const body = entry.compressed ?? (deflated ? zlib.deflateRawSync(data) : data);
    const crc = (entry.crc ?? (entry.compressed ? (entry.realCrc ?? 0) : crc32(data))) >>> 0;
    const flags = 0x0800 | (entry.encrypted ? 0x0001 : 0); // UTF-8 names
    const size = entry.declaredSize ?? (entry.compressed ? (entry.realSize ?? 0) : data.length);
    const mode = entry.mode ?? (entry.name.endsWith('/') ? 0o040755 : 0o100644);
    const method = deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: the external attributes hold the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((mode & 0xffff) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A zip of plain files: `{ 'run': '#!/bin/sh…', 'predict.py': '…' }`. */
export const zipOf = (files: Record<string, string | Buffer>): Buffer => buildZip(Object.entries(files).map(([name, data]) => ({ name, data })));

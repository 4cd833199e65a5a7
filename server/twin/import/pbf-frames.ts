import { inflateSync } from 'node:zlib';
import { ImportError } from './problems';

/** One protobuf field: varints as numbers, length-delimited fields as bytes. */
type Field = { field: number; value: number | Uint8Array };

/** The fields of a protobuf message (only the wire types the OSM PBF frames use). */
function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= buf.length || shift > 49) throw new Error('bad varint');
      const b = buf[pos++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const [field, wire] = [Math.floor(key / 8), key & 7];
    if (wire === 0) out.push({ field, value: varint() });
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('field runs past its message');
      out.push({ field, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 5) pos += 4;
    else if (wire === 1) pos += 8;
    else throw new Error(`unknown wire type ${wire}`);
  }
  return out;
}

const bytesOf = (fs: Field[], n: number) => fs.find((f) => f.field === n)?.value as Uint8Array | undefined;
const numberOf = (fs: Field[], n: number) => fs.find((f) => f.field === n)?.value as number | undefined;

/**
 * Walk every block of an OSM PBF file (4-byte length, BlobHeader, Blob) and inflate each
 * compressed blob, checking its zlib checksum and size, before the parser sees the file: a
 * truncated or corrupted file then fails here with a clear ImportError, where the parser might
 * read past the end or loop forever on garbage.
 */
export function checkPbfFrames(data: Uint8Array, name: string): { blocks: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let blocks = 0;
  while (pos < data.length) {
    const where = `block ${blocks + 1} at byte ${pos}`;
    const fail = (why: string): never => {
      throw new ImportError(`${name} is not a complete OSM PBF file: ${where} ${why}`);
    };
    if (pos + 4 > data.length) fail('is cut short (truncated file?)');
    const headerLen = view.getInt32(pos, false);
    if (headerLen <= 0 || headerLen > 64 * 1024) fail(`has an impossible header length ${headerLen}`);
    if (pos + 4 + headerLen > data.length) fail('is cut short (truncated file?)');
    let header: Field[];
    try {
      header = fields(data.subarray(pos + 4, pos + 4 + headerLen));
    } catch (err) {
      return fail(`has a corrupt header: ${(err as Error).message}`);
    }
    const type = bytesOf(header, 1);
    const size = numberOf(header, 3);
    if (!type || size === undefined) fail('has no type or size');
    const typeName = Buffer.from(type as Uint8Array).toString('latin1');
    if (typeName !== 'OSMHeader' && typeName !== 'OSMData') fail(`has an unknown type "${typeName}"`);
    const start = pos + 4 + headerLen;
    if (start + (size as number) > data.length) fail(`is cut short: it needs ${size} bytes, the file has ${data.length - start} left (truncated file?)`);
    try {
      const blob = fields(data.subarray(start, start + (size as number)));
      const zlib = bytesOf(blob, 3);
      const rawSize = numberOf(blob, 2);
      if (zlib) {
        const inflated = inflateSync(zlib);
        if (rawSize !== undefined && inflated.length !== rawSize) fail(`inflates to ${inflated.length} bytes, not the ${rawSize} it declares`);
      } else if (!bytesOf(blob, 1)) fail('uses a compression this importer does not read (only zlib and raw)');
    } catch (err) {
      if (err instanceof ImportError) throw err;
      fail(`is corrupt: ${(err as Error).message}`);
    }
    pos = start + (size as number);
    blocks++;
  }
  return { blocks };
}

/**
 * The IDX file format of the original MNIST distribution (LeCun et al.), as read by scripts/prepare-data.ts.
 *
 * Layout (all integers big-endian):
 *   bytes 0–1  zero
 *   byte 2     element type (0x08 = unsigned byte, the only type MNIST uses)
 *   byte 3     number of dimensions d
 *   then d     uint32 sizes, then the elements in row-major order.
 * MNIST images are d = 3 ([count, 28, 28], magic 0x00000803); labels d = 1 ([count], magic 0x00000801).
 */

/** A parsed IDX array of unsigned bytes. `data` is a view into the input, not a copy. */
export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

/** An IDX file that is not what it claims to be; the message names the file and the problem. */
export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

const UNSIGNED_BYTE = 0x08;

/**
 * Parses an IDX file of unsigned bytes. `what` names the file in messages. Throws IdxFormatError when the magic
 * number is wrong, the element type is not unsigned byte, or the byte count differs from 4 + 4·d + ∏ sizes
 * (a truncated or padded file).
 */
export function parseIdx(bytes: Uint8Array, what: string): IdxArray {
  if (bytes.length < 4) throw new IdxFormatError(`${what}: ${bytes.length} bytes is too short for an IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new IdxFormatError(`${what}: not an IDX file (the first two bytes must be zero)`);
  if (bytes[2] !== UNSIGNED_BYTE) throw new IdxFormatError(`${what}: element type 0x${bytes[2].toString(16).padStart(2, '0')} is not unsigned byte (0x08)`);
  const dimensions = bytes[3];
  if (dimensions < 1) throw new IdxFormatError(`${what}: an IDX array needs at least one dimension`);
  const headerBytes = 4 + 4 * dimensions;
  if (bytes.length < headerBytes) throw new IdxFormatError(`${what}: truncated header (${bytes.length} of ${headerBytes} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: dimensions }, (_, i) => view.getUint32(4 + 4 * i, false));
  const elements = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + elements;
  if (bytes.length !== expected) {
    throw new IdxFormatError(
      `${what}: ${bytes.length.toLocaleString('en-US')} bytes where shape [${shape.join(', ')}] needs ${expected.toLocaleString('en-US')} (truncated or corrupt)`,
    );
  }
  return { shape, data: bytes.subarray(headerBytes) };
}

/** Writes an IDX file of unsigned bytes (the inverse of parseIdx; tests use it to make files). */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const elements = shape.reduce((a, b) => a * b, 1);
  if (data.length !== elements) throw new Error(`encodeIdx: ${data.length} elements for shape [${shape.join(', ')}]`);
  const out = new Uint8Array(4 + 4 * shape.length + elements);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = shape.length;
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}

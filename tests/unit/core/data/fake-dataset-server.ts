import { gzipSync } from 'node:zlib';
import { encodeChunk, fnv1a32, type DatasetChunkEntry, type DatasetManifest } from '../../../../src/core/data/dataset-chunks';

/**
 * A tiny dataset in the site's chunked format, built in memory: 2×2 images, 3 classes. Split `train` has 5 images
 * in chunks of 2, 2 and 1 (image i has every pixel equal to 10·i, label i mod 3); validation and test one image each.
 */
export function fakeDataset(): { manifest: DatasetManifest; files: Record<string, Uint8Array | unknown> } {
  const files: Record<string, Uint8Array | unknown> = {};
  const pixels = 4;
  const makeSplit = (split: string, sizes: number[], firstImage: number) => {
    let image = firstImage;
    const chunks: DatasetChunkEntry[] = sizes.map((count, index) => {
      const images = new Uint8Array(count * pixels);
      const labels = new Uint8Array(count);
      for (let i = 0; i < count; i++, image++) {
        images.fill(10 * image, i * pixels, (i + 1) * pixels);
        labels[i] = image % 3;
      }
      const raw = encodeChunk(images, labels);
      const compressed = new Uint8Array(gzipSync(raw));
      const file = `${split}-${index}.chunk`;
      files[`mnist/${file}`] = compressed;
      return { file, count, compressedBytes: compressed.length, rawBytes: raw.length, checksum: fnv1a32(raw) };
    });
    return { count: sizes.reduce((a, b) => a + b, 0), chunks };
  };
  const manifest: DatasetManifest = {
    formatVersion: 2,
    name: 'mnist',
    imageWidth: 2,
    imageHeight: 2,
    classNames: ['0', '1', '2'],
    provenance: 'made up for a test',
    splits: { train: makeSplit('train', [2, 2, 1], 0), validation: makeSplit('validation', [1], 5), test: makeSplit('test', [1], 6) },
  };
  files['mnist/manifest.json'] = manifest;
  return { manifest, files };
}

/** A fake server: path (after /data/) → body (JSON value or bytes); missing paths answer 404. Bodies stream in 7-byte pieces. */
export function fakeFetch(files: Record<string, unknown>) {
  return async (url: string): Promise<Response> => {
    const path = url.replace('/data/', '');
    if (!(path in files)) return new Response('not found', { status: 404 });
    const body = files[path];
    if (body instanceof Uint8Array) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < body.length; i += 7) controller.enqueue(body.slice(i, i + 7));
          controller.close();
        },
      });
      return new Response(stream);
    }
    return new Response(JSON.stringify(body));
  };
}

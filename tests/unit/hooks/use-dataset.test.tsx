// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDataset } from '../../../src/hooks/use-dataset';

const manifest = {
  formatVersion: 1,
  name: 'mnist',
  imageWidth: 2,
  imageHeight: 2,
  classNames: ['0', '1'],
  splits: {
    train: { count: 2, imagesBytes: 8, labelsBytes: 2 },
    validation: { count: 1, imagesBytes: 4, labelsBytes: 1 },
    test: { count: 1, imagesBytes: 4, labelsBytes: 1 },
  },
};

/** A server whose train images arrive in two halves, the second only when `release` is called. */
function slowServer() {
  let release = () => {};
  const requests: string[] = [];
  const fetchMock = vi.fn(async (url: string) => {
    requests.push(url);
    if (url.endsWith('manifest.json')) return new Response(JSON.stringify(manifest));
    if (url.endsWith('train-labels.u8')) return new Response(Uint8Array.from([0, 1]));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(4));
        release = () => {
          controller.enqueue(new Uint8Array(4));
          controller.close();
        };
      },
    });
    return new Response(stream);
  });
  return { fetchMock, requests, release: () => release() };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useDataset', () => {
  it('shares one download between widgets, reports its real progress to each, and survives one leaving', async () => {
    const server = slowServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const first = renderHook(() => useDataset('mnist', ['train'], true));
    const second = renderHook(() => useDataset('mnist', ['train'], true));
    // 4 of 8 image bytes and both label bytes: (4 + 2) / 10.
    await waitFor(() => expect(second.result.current.load).toEqual({ status: 'loading', fraction: 0.6 }));
    expect(first.result.current.load).toEqual({ status: 'loading', fraction: 0.6 });
    expect(server.requests.filter((url) => url.endsWith('train-images.u8'))).toHaveLength(1);

    first.unmount();
    act(() => server.release());
    await waitFor(() => expect(second.result.current.load.status).toBe('loaded'));
  });

  it('stays idle until active', () => {
    const server = slowServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const { result } = renderHook(() => useDataset('fashion-mnist', ['validation'], false));
    expect(result.current.load).toEqual({ status: 'idle' });
    expect(server.fetchMock).not.toHaveBeenCalled();
  });
});

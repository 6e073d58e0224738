// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDataset } from '../../../src/hooks/use-dataset';
import { fakeDataset, fakeFetch } from '../core/data/fake-dataset-server';

/** The fake dataset's server, holding back the train split's second chunk until `release` is called. */
function slowServer() {
  const { files } = fakeDataset();
  const serve = fakeFetch(files);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const requests: string[] = [];
  const fetchMock = vi.fn(async (url: string) => {
    requests.push(url);
    if (url.endsWith('train-1.chunk')) await held;
    return serve(url.replace(/^.*\/data\//, '/data/'));
  });
  return { fetchMock, requests, release: () => release() };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useDataset', () => {
  it('shares one download between widgets, hands over the chunks that have arrived, and survives one leaving', async () => {
    const server = slowServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const first = renderHook(() => useDataset('mnist', ['train'], true));
    const second = renderHook(() => useDataset('mnist', ['train'], true));
    // The first chunk (2 of 5 images) has arrived; the second is held back.
    await waitFor(() => {
      const load = second.result.current.load;
      expect(load.status === 'loading' && load.available[0]?.count).toBe(2);
    });
    const firstLoad = first.result.current.load;
    expect(firstLoad.status).toBe('loading');
    if (firstLoad.status === 'loading') {
      expect(firstLoad.fraction).toBeGreaterThan(0.2);
      expect(firstLoad.fraction).toBeLessThan(0.8);
      expect(Array.from(firstLoad.available[0]!.labels)).toEqual([0, 1]);
    }
    expect(server.requests.filter((url) => url.endsWith('train-0.chunk'))).toHaveLength(1);

    first.unmount();
    act(() => server.release());
    await waitFor(() => expect(second.result.current.load.status).toBe('loaded'));
    const loaded = second.result.current.load;
    expect(loaded.status === 'loaded' && loaded.splits[0].count).toBe(5);
  });

  it('stays idle until active', () => {
    const server = slowServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const { result } = renderHook(() => useDataset('fashion-mnist', ['validation'], false));
    expect(result.current.load).toEqual({ status: 'idle' });
    expect(server.fetchMock).not.toHaveBeenCalled();
  });

  it('with firstImages, downloads only the leading chunks; a later whole-split request downloads the rest', async () => {
    vi.resetModules();
    const { useDataset: freshUseDataset } = await import('../../../src/hooks/use-dataset');
    const { files } = fakeDataset();
    const serve = fakeFetch(files);
    const requests: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        requests.push(url.replace(/^.*\/data\//, ''));
        return serve(url.replace(/^.*\/data\//, '/data/'));
      }),
    );
    const partial = renderHook(() => freshUseDataset('mnist', ['train'], true, { train: 2 }));
    await waitFor(() => expect(partial.result.current.load.status).toBe('loaded'));
    const loaded = partial.result.current.load;
    expect(loaded.status === 'loaded' && loaded.splits[0].count).toBe(2);
    expect(requests.filter((url) => url.endsWith('.chunk'))).toEqual(['mnist/train-0.chunk']);

    const whole = renderHook(() => freshUseDataset('mnist', ['train'], true));
    await waitFor(() => expect(whole.result.current.load.status).toBe('loaded'));
    const all = whole.result.current.load;
    expect(all.status === 'loaded' && all.splits[0].count).toBe(5);
    // Once the whole split is here, a request for its first images joins it instead of downloading again.
    const chunksBefore = requests.filter((url) => url.endsWith('.chunk')).length;
    const again = renderHook(() => freshUseDataset('mnist', ['train'], true, { train: 3 }));
    await waitFor(() => expect(again.result.current.load.status).toBe('loaded'));
    expect(requests.filter((url) => url.endsWith('.chunk')).length).toBe(chunksBefore);
  });
});

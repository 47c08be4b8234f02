import { adoptPreopenedStream, boardStreamUrl, preopenBoardStream } from './board-stream.preopen';

const sent: AbortSignal[] = [];
// What the app passes: a request that stays open (a stream); its signal is kept to see who closes it.
const open = (signal: AbortSignal) => {
  sent.push(signal);
  return new Promise<Response>(() => undefined);
};

describe('a board stream opened by the route before the page mounts', () => {
  beforeEach(() => {
    sent.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('should build the same url for the loader and the page, selection first', () => {
    expect(boardStreamUrl('acs 2026', {})).toBe('/api/v1/events/acs%202026/leaderboard/stream?limit=500');
    expect(boardStreamUrl('acs', { division: 'Students', task: 't1' })).toBe('/api/v1/events/acs/leaderboard/stream?division=Students&task=t1&limit=500');
  });

  it('should hand the request over once, to the page asking for the same url', () => {
    const url = boardStreamUrl('acs', {});
    preopenBoardStream(url, open);
    expect(sent).toHaveLength(1);
    expect(adoptPreopenedStream(boardStreamUrl('acs', { division: 'Students' }), new AbortController().signal)).toBeNull();
    expect(adoptPreopenedStream(url, new AbortController().signal)).not.toBeNull();
    expect(adoptPreopenedStream(url, new AbortController().signal)).toBeNull();
  });

  it('should close the adopted request when the page closes its stream', () => {
    const url = boardStreamUrl('acs', {});
    preopenBoardStream(url, open);
    const page = new AbortController();
    void adoptPreopenedStream(url, page.signal);
    jest.advanceTimersByTime(60_000);
    expect(sent[0].aborted).toBe(false);
    page.abort();
    expect(sent[0].aborted).toBe(true);
  });

  it('should close a request nobody adopts, and one replaced by another', () => {
    preopenBoardStream(boardStreamUrl('acs', {}), open);
    preopenBoardStream(boardStreamUrl('acs', { division: 'Students' }), open);
    expect(sent[0].aborted).toBe(true);
    expect(sent[1].aborted).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(sent[1].aborted).toBe(true);
    expect(adoptPreopenedStream(boardStreamUrl('acs', { division: 'Students' }), new AbortController().signal)).toBeNull();
  });

  it('should keep the request on its way when the same board is pre-opened again (the first load, then the router)', () => {
    const url = boardStreamUrl('acs', {});
    preopenBoardStream(url, open);
    preopenBoardStream(url, open);
    expect(sent).toHaveLength(1);
    expect(sent[0].aborted).toBe(false);
    expect(adoptPreopenedStream(url, new AbortController().signal)).not.toBeNull();
  });

  it('should forget a failed request, so that the page opens its own and a later pre-open sends again', async () => {
    const url = boardStreamUrl('acs', {});
    preopenBoardStream(url, () => Promise.reject(new Error('offline')));
    await Promise.resolve();
    await Promise.resolve();
    expect(adoptPreopenedStream(url, new AbortController().signal)).toBeNull();
    preopenBoardStream(url, open);
    expect(sent).toHaveLength(1);
  });
});

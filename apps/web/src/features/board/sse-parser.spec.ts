import { SseMessage, SseParser } from './sse-parser';

function parse(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = new SseParser((message) => messages.push(message));
  for (const chunk of chunks) parser.push(chunk);
  return messages;
}

describe('SseParser', () => {
  it('should dispatch a message with its event, data and id when a blank line ends it', () => {
    expect(parse(['id: 7\nevent: leaderboard\ndata: {"a":1}\n\n'])).toEqual([{ event: 'leaderboard', data: '{"a":1}', lastEventId: '7' }]);
  });

  it('should join a message split across chunks anywhere, also inside \\r\\n', () => {
    const text = 'id: 3\r\nevent: leaderboard\r\ndata: {"rows":[]}\r\n\r\n';
    const chunks = Array.from(text, (char) => char);
    expect(parse(chunks)).toEqual([{ event: 'leaderboard', data: '{"rows":[]}', lastEventId: '3' }]);
  });

  it('should skip comments (heartbeats) and keep the last id for messages without one', () => {
    expect(parse([': heartbeat\n\nid: 9\ndata: a\n\n: heartbeat\n\nevent: announcement\ndata: b\ndata: c\n\n'])).toEqual([
      { event: 'message', data: 'a', lastEventId: '9' },
      { event: 'announcement', data: 'b\nc', lastEventId: '9' },
    ]);
  });

  it('should not dispatch a message when its blank line has not arrived yet', () => {
    expect(parse(['id: 1\nevent: leaderboard\ndata: {}\n'])).toEqual([]);
  });
});

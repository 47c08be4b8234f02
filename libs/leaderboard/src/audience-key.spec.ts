import { plainToInstance } from 'class-transformer';
import { audienceKey } from './audience-key';
import { BoardQueryDto } from './dto/board-query.dto';

const query = (plain: Record<string, unknown>) => plainToInstance(BoardQueryDto, plain, { enableImplicitConversion: false });

describe('audienceKey', () => {
  it('should give one key for every spelling of the same board when the view granted is the same', () => {
    const keys = [query({}), query({ view: 'live' }), query({ view: 'public' }), query({ limit: '50', offset: '0' }), query({ offset: 0, limit: 50 })].map((one) =>
      audienceKey('e1', 'public', one),
    );
    expect(new Set(keys).size).toBe(1);
  });

  it('should give different keys when the view granted or the board differs', () => {
    const keys = [
      audienceKey('e1', 'public', query({})),
      audienceKey('e1', 'live', query({})),
      audienceKey('e2', 'public', query({})),
      audienceKey('e1', 'public', query({ division: 'open' })),
      audienceKey('e1', 'public', query({ task: 't1' })),
      audienceKey('e1', 'public', query({ task: 't1', board: 'private' })),
      audienceKey('e1', 'public', query({ limit: 10 })),
      audienceKey('e1', 'public', query({ offset: 10 })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

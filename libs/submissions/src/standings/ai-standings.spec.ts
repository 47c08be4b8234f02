import { privateBoard, publicBoard, ScoredEntry } from './ai-standings';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));
const entry = (id: string, teamId: string, publicScore: number, privateScore: number, minute: number, selectedFinal = false): ScoredEntry => ({
  id,
  teamId,
  publicScore,
  privateScore,
  selectedFinal,
  createdAt: at(minute),
});

describe('AI boards', () => {
  const up = { higherIsBetter: true };
  const down = { higherIsBetter: false };

  it('should rank teams by their best public score when higher is better', () => {
    const board = publicBoard([entry('a1', 'A', 0.7, 0.6, 1), entry('a2', 'A', 0.8, 0.5, 2), entry('b1', 'B', 0.75, 0.9, 3)], up);
    expect(board.map((row) => [row.teamId, row.score, row.submissionId])).toEqual([
      ['A', 0.8, 'a2'],
      ['B', 0.75, 'b1'],
    ]);
  });

  it('should put the earlier submission first when public scores tie', () => {
    const board = publicBoard([entry('b1', 'B', 0.8, 0, 5), entry('a1', 'A', 0.8, 0, 3)], up);
    expect(board.map((row) => row.teamId)).toEqual(['A', 'B']);
  });

  it('should rank lower scores first when lower is better', () => {
    const board = publicBoard([entry('a1', 'A', 2.5, 0, 1), entry('b1', 'B', 1.5, 0, 2)], down);
    expect(board.map((row) => row.teamId)).toEqual(['B', 'A']);
  });

  it('should take the best private score among the selected finals when a team selected some', () => {
    const entries = [entry('a1', 'A', 0.9, 0.5, 1), entry('a2', 'A', 0.6, 0.7, 2, true), entry('a3', 'A', 0.5, 0.95, 3)];
    expect(privateBoard(entries, up)).toEqual([{ teamId: 'A', score: 0.7, submissionId: 'a2', at: at(2) }]);
  });

  it('should take the best private score among the two best public ones when a team selected none', () => {
    // Public order: a1 (0.9), a3 (0.8), a2 (0.6): candidates a1 and a3; best private among them is a3's 0.85.
    const entries = [entry('a1', 'A', 0.9, 0.5, 1), entry('a2', 'A', 0.6, 0.99, 2), entry('a3', 'A', 0.8, 0.85, 3)];
    expect(privateBoard(entries, up)[0]).toMatchObject({ score: 0.85, submissionId: 'a3' });
  });
});

import { ChangeListener, ChangeScope } from '@arena/jobs';
import { BoardView } from '../ctf-access.service';
import { ChallengeState } from './challenge.enums';
import { ChallengeBoardService } from './challenge-board.service';
import { ChallengesService } from './challenges.service';

function setup() {
  let loads = 0;
  let listener: ChangeListener = () => undefined;
  const repository = { findForBoard: async () => (loads++, [{ id: 'c1', state: ChallengeState.Visible, flags: [] }]) };
  const notifier = { onChanged: (added: ChangeListener) => (listener = added), onDefinitionsChanged: () => undefined };
  const none = undefined as never;
  const board = new ChallengeBoardService(repository as never, notifier as never);
  const service = new ChallengesService(repository as never, none, none, none, notifier as never, board, none);
  const view = { event: { id: 'e1' } } as BoardView;
  return { service, view, loads: () => loads, changed: (scope: ChangeScope) => listener('e1', scope) };
}

describe('ChallengesService.forAttempt', () => {
  it('should keep the challenges it holds for attempts when a solve changes the scores', async () => {
    const { service, view, loads, changed } = setup();
    await service.forAttempt(view, 'c1');
    changed(ChangeScope.Scores);
    await service.forAttempt(view, 'c1');
    expect(loads()).toBe(1);
  });

  it('should reload the challenges at the next attempt when a challenge changes', async () => {
    const { service, view, loads, changed } = setup();
    await service.forAttempt(view, 'c1');
    changed(ChangeScope.All);
    await service.forAttempt(view, 'c1');
    expect(loads()).toBe(2);
  });
});

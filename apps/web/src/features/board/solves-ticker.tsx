import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RecentSolve } from './board.queries';
import classes from './projector.module.css';

/**
 * The latest solves, newest first, first bloods marked: what the hall cheers. The list is the feed's answer (a dozen
 * at most), replaced with each board version, so nothing piles up over a day.
 */
export function SolvesTicker({ solves }: { solves: RecentSolve[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="ticker-title" className={classes.ticker}>
      <Text component="h2" id="ticker-title" fw={700} className={classes.tickerTitle}>
        {t('board.recentSolves')}
      </Text>
      {solves.length === 0 ? (
        <Text c="dimmed">{t('board.noSolves')}</Text>
      ) : (
        <ul className={classes.tickerList}>
          {solves.map((solve) => (
            <li key={solve.id} className={solve.firstBlood ? classes.firstBlood : undefined}>
              <Group gap={8} wrap="nowrap">
                <time dateTime={solve.at}>{new Date(solve.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}</time>
                {solve.firstBlood && (
                  <Badge color="red" size="lg">
                    {t('board.firstBlood')}
                  </Badge>
                )}
                {/* Team and challenge names are user-written: React renders them as text. */}
                <span>{t('board.solved', { team: solve.teamName, challenge: solve.challengeName })}</span>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

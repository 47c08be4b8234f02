import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { getSession } from '../../api/session.store';
import { quotaKey, Submission, submissionsKey } from './ai.queries';

/** The stream's `submission` message: the caller's team's own submissions only. */
interface SubmissionMessage {
  id: string;
  teamId: string;
  taskId: string;
  status: Submission['status'];
  publicScore: number | null;
  failureReason: string | null;
}

function patch(list: Submission[] | undefined, message: SubmissionMessage): Submission[] | undefined {
  return list?.map((item) => (item.id === message.id ? { ...item, status: message.status, publicScore: message.publicScore, failureReason: message.failureReason } : item));
}

/**
 * Follows the event's stream for the team's own submission messages and writes each into the task's submission list
 * at once; a final status also re-reads the list (for the report) and the quota (a failure is refunded). Returns
 * whether the stream is open, so polling can slow down while it is. The stream carries the board too: `limit=1`
 * keeps those frames small. A stream refused or ended (token expired) reopens with the session's current token.
 */
export function useOwnSubmissionEvents(slug: string, taskId: string, enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let failures = 0;
    const connect = () => {
      const token = getSession()?.accessToken;
      if (stopped || !token) return;
      source = new EventSource(`/api/v1/events/${encodeURIComponent(slug)}/leaderboard/stream?limit=1&access_token=${encodeURIComponent(token)}`);
      source.onopen = () => {
        failures = 0;
        setOpen(true);
      };
      source.addEventListener('submission', (event) => {
        const message = JSON.parse((event as MessageEvent<string>).data) as SubmissionMessage;
        if (message.taskId !== taskId) return;
        queryClient.setQueryData(submissionsKey(slug, taskId), (old: Submission[] | undefined) => patch(old, message));
        if (message.status === 'scored' || message.status === 'failed') {
          void queryClient.invalidateQueries({ queryKey: submissionsKey(slug, taskId) });
          void queryClient.invalidateQueries({ queryKey: quotaKey(slug, taskId) });
        }
      });
      const reopen = () => {
        source?.close();
        setOpen(false);
        failures += 1;
        // An expired token is refreshed by any authenticated read; then the stream opens again, backing off.
        retry = setTimeout(() => void api.GET('/api/v1/auth/me').finally(connect), Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
      };
      source.addEventListener('reconnect', reopen);
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) reopen();
        else setOpen(false);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      setOpen(false);
    };
  }, [enabled, slug, taskId, queryClient]);
  return open;
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, authFetch } from '../../api/client';
import type { components } from '../../api/schema';

export type Challenge = components['schemas']['ChallengeViewDto'];
export type AttemptResult = components['schemas']['AttemptResultDto'];

export const challengesKey = (slug: string) => ['/api/v1/events/{slug}/challenges', slug] as const;

export function useChallenges(slug: string) {
  return useQuery({
    queryKey: challengesKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/challenges', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

/** The answer to a flag, or why there is none: a refusal carries the API's status, a 429 its Retry-After seconds. */
export type AttemptOutcome = { kind: 'verdict'; result: AttemptResult } | { kind: 'refused'; status: number; retryAfter: number | null; message: string };

export function useSubmitFlag(slug: string, challengeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (submission: string): Promise<AttemptOutcome> => {
      const { data, error, response } = await api.POST('/api/v1/events/{slug}/challenges/{id}/attempts', {
        params: { path: { slug, id: challengeId } },
        body: { submission },
      });
      if (data) return { kind: 'verdict', result: data };
      const retryAfter = Number(response.headers.get('retry-after'));
      const message = (error as { message?: string | string[] } | undefined)?.message;
      return { kind: 'refused', status: response.status, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, message: [message ?? ''].flat().join(' ') };
    },
    // Solves, values and attempts left are the API's to say: read them again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: challengesKey(slug) }),
  });
}

/** Unlocks a hint for the team; the API deducts its cost once. A refusal (409: not enough points) carries its message. */
export function useUnlockHint(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (hintId: string) => {
      const { error, response } = await api.POST('/api/v1/events/{slug}/hints/{id}/unlock', { params: { path: { slug, id: hintId } } });
      // The endpoint declares no error bodies, so openapi-fetch types `error` as absent: it is the API's error body.
      if (!response.ok) throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: challengesKey(slug) }),
  });
}

/** Downloads a challenge file with the session's token (a plain link could not send it) and saves it under its name. */
export async function downloadFile(file: { name: string; url: string }): Promise<void> {
  const response = await authFetch(new Request(file.url));
  if (!response.ok) throw { statusCode: response.status } satisfies ApiError;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = file.name;
  link.click();
  // Give the browser time to start the save before the blob goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

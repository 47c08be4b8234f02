import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { useSignedIn } from '../auth/auth.queries';

export type JudgedEvent = components['schemas']['MyJudgingEventDto'];
export type Assignment = components['schemas']['AssignmentDto'];
export type Criterion = components['schemas']['CriterionDto'];
export type ScoreSet = components['schemas']['ScoreSetDto'];
export type Pair = components['schemas']['PairDto'];
export type PairProject = components['schemas']['PairProjectDto'];

/** The API's error body behind a failed query or mutation (its status and code), when there is one. */
export function apiErrorOf(error: unknown): Partial<ApiError> {
  return typeof error === 'object' && error !== null ? error : {};
}

export const MY_JUDGING_KEY = ['/api/v1/judging/me'] as const;
export const assignmentsKey = (slug: string) => ['/api/v1/events/{slug}/judging/assignments', slug] as const;
export const myScoresKey = (slug: string, projectId: string) => ['/api/v1/events/{slug}/projects/{id}/scores', slug, projectId] as const;
export const pairKey = (slug: string) => ['/api/v1/events/{slug}/judging/pairwise/next', slug] as const;

/** The hackathons the viewer judges (empty for everyone else); it decides whether the account menu offers judging. */
export function useMyJudging() {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: MY_JUDGING_KEY,
    enabled: signedIn,
    staleTime: 60_000,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/judging/me');
      if (error) throw error;
      return data;
    },
  });
}

/** The viewer's active assignments in the event; a 403 (not a judge) is an error with its status. */
export function useAssignments(slug: string) {
  return useQuery({
    queryKey: assignmentsKey(slug),
    retry: false,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/judging/assignments', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useCriteria(slug: string) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/criteria', slug],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/criteria', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useJudgedProject(slug: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/projects/{id}', slug, id],
    enabled,
    retry: false,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/projects/{id}', { params: { path: { slug, id } } });
      if (error) throw error;
      return data;
    },
  });
}

/** The viewer's own score set for the project (a judge never sees another judge's), or null before the first save. */
export function useMyScores(slug: string, projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: myScoresKey(slug, projectId),
    enabled,
    retry: false,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/projects/{id}/scores', { params: { path: { slug, id: projectId } } });
      if (error) throw error;
      return data[0] ?? null;
    },
  });
}

export function useSaveScores(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { scores: Record<string, number>; comment: string }) => {
      const { data, error } = await api.PUT('/api/v1/events/{slug}/projects/{id}/scores', { params: { path: { slug, id: projectId } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: (set) => {
      queryClient.setQueryData(myScoresKey(slug, projectId), set);
      void queryClient.invalidateQueries({ queryKey: assignmentsKey(slug) });
      void queryClient.invalidateQueries({ queryKey: MY_JUDGING_KEY });
    },
  });
}

/** Declares a conflict with the project's team: the API ends the viewer's assignment to it. */
export function useDeclareConflict(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { teamId: string; reason: string }) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/judging/conflicts', { params: { path: { slug } }, body });
      if (error) throw error;
      return data;
    },
    // Not awaited: the caller leaves the page as soon as the API agrees (the refetched list would unmount the form first).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assignmentsKey(slug) });
      void queryClient.invalidateQueries({ queryKey: MY_JUDGING_KEY });
    },
  });
}

export function usePair(slug: string) {
  return useQuery({
    queryKey: pairKey(slug),
    retry: false,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/judging/pairwise/next', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

type PairAction = { kind: 'vote'; winnerId: string; loserId: string } | { kind: 'skip' } | { kind: 'undo' };

/** A vote, a skip or an undo: each answers with the pair to show next. */
export function usePairAction(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: PairAction): Promise<Pair> => {
      const path = { params: { path: { slug } } };
      const { data, error } =
        action.kind === 'vote'
          ? await api.POST('/api/v1/events/{slug}/judging/pairwise/votes', { ...path, body: { winnerId: action.winnerId, loserId: action.loserId } })
          : action.kind === 'skip'
            ? await api.POST('/api/v1/events/{slug}/judging/pairwise/skip', path)
            : await api.DELETE('/api/v1/events/{slug}/judging/pairwise/votes/last', path);
      if (error) throw error;
      return { prev: data.prev, next: data.next };
    },
    onSuccess: (pair) => queryClient.setQueryData(pairKey(slug), pair),
  });
}

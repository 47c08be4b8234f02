import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, authFetch } from '../../api/client';
import type { components } from '../../api/schema';
import { settingsKey } from '../hackathon/hackathon.queries';

export type Criterion = components['schemas']['CriterionDto'];
export type CriterionBody = components['schemas']['CreateCriterionDto'];
export type Judge = components['schemas']['JudgeDto'];
export type Conflict = components['schemas']['ConflictDto'];
export type ManagedAssignment = components['schemas']['AssignmentDto'];
export type AssignResult = components['schemas']['AssignResultDto'];
export type JudgingProgress = components['schemas']['JudgingProgressDto'];
export type Results = components['schemas']['ResultsDto'];
export type ResultRow = components['schemas']['ResultRowDto'];
// Every field is optional for the API (absent ones keep their value); the generator marks those with a default required.
export type SettingsBody = Partial<components['schemas']['UpdateHackathonSettingsDto']>;
export type EventTeam = components['schemas']['PublicTeamDto'];

const criteriaKey = (slug: string) => ['/api/v1/events/{slug}/criteria', slug] as const;
const judgesKey = (slug: string) => ['/api/v1/events/{slug}/judging/judges', slug] as const;
const conflictsKey = (slug: string) => ['/api/v1/events/{slug}/judging/conflicts', slug] as const;
const assignmentsKey = (slug: string) => ['/api/v1/events/{slug}/judging/assignments', slug] as const;
const progressKey = (slug: string) => ['/api/v1/events/{slug}/judging/progress', slug] as const;
const resultsKey = (slug: string) => ['/api/v1/events/{slug}/hackathon/results', slug] as const;

/** Everything judging-related the console shows, refetched after any judging change (they move together). */
function useInvalidateJudging(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [settingsKey(slug), criteriaKey(slug), judgesKey(slug), conflictsKey(slug), assignmentsKey(slug), progressKey(slug), resultsKey(slug)].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** Unwraps an openapi-fetch answer: the data, or the API's error thrown. */
async function call<T>(request: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await request;
  if (error) throw error;
  return data as T;
}

export function useCriteriaList(slug: string) {
  return useQuery({ queryKey: criteriaKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/criteria', { params: { path: { slug } } })) });
}

export function useAddCriterion(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (body: CriterionBody) => call(api.POST('/api/v1/events/{slug}/criteria', { params: { path: { slug } }, body })),
    onSuccess: invalidate,
  });
}

export function useRemoveCriterion(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/events/{slug}/criteria/{id}', { params: { path: { slug, id } } })),
    onSuccess: invalidate,
  });
}

export function useSaveHackathonSettings(slug: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (body: SettingsBody) =>
      call(api.PUT('/api/v1/events/{slug}/hackathon', { params: { path: { slug } }, body: body as components['schemas']['UpdateHackathonSettingsDto'] })),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey(slug), saved);
      return invalidate();
    },
  });
}

export function useJudges(slug: string) {
  return useQuery({ queryKey: judgesKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/judging/judges', { params: { path: { slug } } })) });
}

/** Adds an existing account as a judge by its email (the API answers 404 for an unknown one). */
export function useAddJudge(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (email: string) => call(api.POST('/api/v1/events/{slug}/staff', { params: { path: { slug } }, body: { email, role: 'judge' } })),
    onSuccess: invalidate,
  });
}

export function useSetJudgeTracks(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: ({ userId, tracks }: { userId: string; tracks: string[] }) =>
      call(api.PUT('/api/v1/events/{slug}/judging/judges/{userId}', { params: { path: { slug, userId } }, body: { tracks } })),
    onSuccess: invalidate,
  });
}

export function useConflicts(slug: string) {
  return useQuery({ queryKey: conflictsKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/judging/conflicts', { params: { path: { slug } } })) });
}

export function useDeclareJudgeConflict(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (body: { judgeId: string; teamId: string; reason: string }) => call(api.POST('/api/v1/events/{slug}/judging/conflicts', { params: { path: { slug } }, body })),
    onSuccess: invalidate,
  });
}

/** The event's teams (for picking a conflict), the first 500. */
export function useEventTeams(slug: string) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/teams', slug],
    queryFn: () => call(api.GET('/api/v1/events/{slug}/teams', { params: { path: { slug }, query: { limit: 500 } } })),
  });
}

export function useManagedAssignments(slug: string) {
  return useQuery({ queryKey: assignmentsKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/judging/assignments', { params: { path: { slug } } })) });
}

/** A dry run answers the plan and the load per judge; otherwise the plan replaces every assignment. */
export function useAssign(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (body: { judgesPerProject: number; dryRun: boolean }) => call(api.POST('/api/v1/events/{slug}/judging/assign', { params: { path: { slug } }, body })),
    onSuccess: (result) => (result.applied ? invalidate() : undefined),
  });
}

/** Moves an active assignment to another judge, or gives a recused one's project to one (the API picks when none is named). */
export function useMoveAssignment(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: ({ id, judgeId, recused }: { id: string; judgeId?: string; recused: boolean }) => {
      const options = { params: { path: { slug, id } }, body: judgeId ? { judgeId } : {} };
      return recused
        ? call(api.POST('/api/v1/events/{slug}/judging/assignments/{id}/reassign', options))
        : call(api.POST('/api/v1/events/{slug}/judging/assignments/{id}/move', options));
    },
    onSettled: invalidate,
  });
}

export function useJudgingProgress(slug: string) {
  return useQuery({
    queryKey: progressKey(slug),
    // Judges score while the organiser watches.
    refetchInterval: 15_000,
    queryFn: () => call(api.GET('/api/v1/events/{slug}/judging/progress', { params: { path: { slug } } })),
  });
}

export function useResults(slug: string) {
  return useQuery({ queryKey: resultsKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/hackathon/results', { params: { path: { slug } } })) });
}

export function usePublishResults(slug: string) {
  const invalidate = useInvalidateJudging(slug);
  return useMutation({
    mutationFn: (publish: boolean) =>
      publish
        ? call(api.POST('/api/v1/events/{slug}/results/publish', { params: { path: { slug } } }))
        : call(api.POST('/api/v1/events/{slug}/results/unpublish', { params: { path: { slug } } })),
    onSettled: invalidate,
  });
}

export type ExportKind = 'projects' | 'scores' | 'results';

/** Downloads a CSV export with the session's token (a plain link could not send it). */
export async function downloadExport(slug: string, kind: ExportKind): Promise<void> {
  const response = await authFetch(new Request(`/api/v1/events/${encodeURIComponent(slug)}/hackathon/export/${kind}.csv`));
  if (!response.ok) throw { statusCode: response.status } satisfies ApiError;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = `${slug}-${kind}.csv`;
  link.click();
  // Give the browser time to start the save before the blob goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

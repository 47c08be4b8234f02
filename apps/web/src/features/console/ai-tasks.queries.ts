import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { uploadWithProgress } from '../../api/upload';
import { Submission, Task, tasksKey } from '../ai/ai.queries';

export type BundleImport = components['schemas']['BundleImportResultDto'];
export type Board = components['schemas']['BoardResponseDto'];

const allSubmissionsKey = (slug: string, taskId: string) => ['/api/v1/events/{slug}/tasks/{id}/submissions', slug, taskId, 'all'] as const;
const privateBoardKey = (slug: string, taskId: string) => ['/api/v1/events/{slug}/leaderboard', slug, taskId, 'private'] as const;

/** A refusal of an upload, as the API answered it (status 0: no answer). */
export class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super([body?.message ?? `HTTP ${status}`].flat().join(' '));
  }
}

async function upload<T>(url: string, form: FormData, expected: number): Promise<T> {
  const answer = await uploadWithProgress<T>(url, form, () => undefined);
  if (answer.status !== expected) throw new UploadRefusal(answer.status, answer.body as ApiError | null);
  return answer.body as T;
}

/** POST /events/:slug/tasks: the task's fields and files, as one multipart form. */
export function useCreateTask(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => upload<Task>(`/api/v1/events/${encodeURIComponent(slug)}/tasks`, form, 201),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tasksKey(slug) }),
  });
}

/** POST /events/:slug/tasks/import: a CodaLab or Codabench competition bundle. */
export function useImportBundle(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => upload<BundleImport>(`/api/v1/events/${encodeURIComponent(slug)}/tasks/import`, form, 201),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tasksKey(slug) }),
  });
}

export const SUBMISSIONS_PAGE = 50;
const inFlight = (items: Submission[] | undefined) => items?.some((item) => item.status === 'queued' || item.status === 'running') ?? false;

/** Every team's submissions to a task (organisers), newest first, one page with the total; polled while some are in flight. */
export function useAllSubmissions(slug: string, taskId: string, page: number) {
  return useQuery({
    queryKey: [...allSubmissionsKey(slug, taskId), page],
    refetchInterval: (query) => (inFlight(query.state.data?.items) ? 3_000 : 15_000),
    queryFn: async () => {
      const query = { limit: SUBMISSIONS_PAGE, offset: (page - 1) * SUBMISSIONS_PAGE };
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/tasks/{id}/submissions', { params: { path: { slug, id: taskId }, query } });
      if (error) throw error;
      return { items: data, total: Number(response.headers.get('x-total-count') ?? data.length) };
    },
  });
}

/** Queues again a submission the platform failed to check (409 otherwise, with the API's reason). */
export function useRescore(slug: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { data, error } = await api.POST('/api/v1/submissions/{id}/rescore', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: allSubmissionsKey(slug, taskId) }),
  });
}

/** The task's private board as organisers see it before it is revealed (re-read every 5 s). */
export function usePrivateBoard(slug: string, taskId: string) {
  return useQuery({
    queryKey: privateBoardKey(slug, taskId),
    refetchInterval: 5_000,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/leaderboard', { params: { path: { slug }, query: { task: taskId, board: 'private', limit: 500 } } });
      if (error) throw error;
      return data;
    },
  });
}

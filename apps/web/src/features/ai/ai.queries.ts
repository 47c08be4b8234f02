import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { UploadAnswer, uploadWithProgress } from '../../api/upload';

export type Task = components['schemas']['TaskDto'];
export type Quota = components['schemas']['QuotaDto'];
export type Submission = components['schemas']['SubmissionDto'];
export type AcceptedSubmission = components['schemas']['AcceptedSubmissionDto'];

export const tasksKey = (slug: string) => ['/api/v1/events/{slug}/tasks', slug] as const;
export const taskKey = (slug: string, id: string) => ['/api/v1/events/{slug}/tasks/{id}', slug, id] as const;
export const quotaKey = (slug: string, id: string) => ['/api/v1/events/{slug}/tasks/{id}/quota', slug, id] as const;
export const submissionsKey = (slug: string, id: string) => ['/api/v1/events/{slug}/tasks/{id}/submissions', slug, id] as const;

export function useTasks(slug: string) {
  return useQuery({
    queryKey: tasksKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/tasks', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useTask(slug: string, id: string) {
  return useQuery({
    queryKey: taskKey(slug, id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/tasks/{id}', { params: { path: { slug, id } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useQuota(slug: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: quotaKey(slug, id),
    enabled,
    retry: false,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/tasks/{id}/quota', { params: { path: { slug, id } } });
      if (error) throw error;
      return data;
    },
  });
}

const inFlight = (submissions: Submission[] | undefined) => submissions?.some((item) => item.status === 'queued' || item.status === 'running') ?? false;

/**
 * The team's submissions. The stream's own-submission events update them live; while one is queued or running they are
 * also polled (every 3 s without a live stream, every 20 s with one), so a missed event or a closed stream only delays.
 */
export function useSubmissions(slug: string, id: string, enabled: boolean, live: boolean) {
  return useQuery({
    queryKey: submissionsKey(slug, id),
    enabled,
    retry: false,
    refetchInterval: (query) => (inFlight(query.state.data) ? (live ? 20_000 : 3_000) : false),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/tasks/{id}/submissions', { params: { path: { slug, id }, query: { limit: 100 } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useUploadSubmission(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }): Promise<UploadAnswer<AcceptedSubmission>> => {
      const form = new FormData();
      form.append('file', file, file.name);
      return uploadWithProgress<AcceptedSubmission>(`/api/v1/events/${encodeURIComponent(slug)}/tasks/${encodeURIComponent(id)}/submissions`, form, onProgress);
    },
    onSettled: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: submissionsKey(slug, id) }), queryClient.invalidateQueries({ queryKey: quotaKey(slug, id) })]);
    },
  });
}

export function useSelectFinal(slug: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, final }: { id: string; final: boolean }) => {
      const { data, error } = await api.PUT('/api/v1/submissions/{id}/final', { params: { path: { id } }, body: { final } });
      if (error) throw error;
      return data;
    },
    // The box follows the click at once; a refusal (409: too many finals, or closed) puts it back.
    onMutate: async ({ id, final }) => {
      await queryClient.cancelQueries({ queryKey: submissionsKey(slug, taskId) });
      const before = queryClient.getQueryData<Submission[]>(submissionsKey(slug, taskId));
      queryClient.setQueryData<Submission[]>(submissionsKey(slug, taskId), (old) => old?.map((item) => (item.id === id ? { ...item, selectedFinal: final } : item)));
      return { before };
    },
    onError: (_error, _variables, context) => queryClient.setQueryData(submissionsKey(slug, taskId), context?.before),
    onSettled: () => queryClient.invalidateQueries({ queryKey: submissionsKey(slug, taskId) }),
  });
}

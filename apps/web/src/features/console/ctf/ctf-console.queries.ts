import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client';
import type { components } from '../../../api/schema';
import { uploadWithProgress } from '../../../api/upload';
import { challengesKey } from '../../ctf/challenges.queries';

export type ChallengeDetail = components['schemas']['ChallengeDetailDto'];
export type CreateChallengeBody = components['schemas']['CreateChallengeDto'];
export type FlagInput = components['schemas']['FlagInputDto'];
export type FlagTestResult = components['schemas']['FlagTestResultDto'];
export type ImportResult = components['schemas']['ImportResultDto'];
export type ChallengeFile = components['schemas']['FileViewDto'];

const detailKey = (slug: string, id: string) => ['/api/v1/events/{slug}/challenges/{id}', slug, id] as const;
const challengePath = (slug: string, suffix = '') => `/api/v1/events/${encodeURIComponent(slug)}/challenges${suffix}`;

/** A multipart upload's answer, or its refusal shaped as the API's error body (so fieldErrors can place it). */
async function upload<T>(url: string, form: FormData): Promise<T> {
  const answer = await uploadWithProgress<T>(url, form, () => undefined);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  throw { ...(answer.body as ApiError | null), statusCode: answer.status } satisfies ApiError;
}

/** The whole definition of one challenge, flags included (organisers get it; the console only asks as one). */
export function useChallengeDetail(slug: string, id: string | undefined) {
  return useQuery({
    queryKey: detailKey(slug, id ?? ''),
    enabled: Boolean(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/challenges/{id}', { params: { path: { slug, id: id ?? '' } } });
      if (error || !data) throw error ?? new Error('no challenge');
      if (!('flags' in data)) throw { statusCode: 403, message: 'not an organiser' } satisfies ApiError;
      return data;
    },
  });
}

/** Creates the challenge, or replaces the fields of an existing one (flags and hints as whole sets). */
export function useSaveChallenge(slug: string, id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateChallengeBody): Promise<ChallengeDetail> => {
      const { data, error } = id
        ? await api.PATCH('/api/v1/events/{slug}/challenges/{id}', { params: { path: { slug, id } }, body })
        : await api.POST('/api/v1/events/{slug}/challenges', { params: { path: { slug } }, body });
      if (error || !data) throw error ?? new Error('no challenge');
      return data;
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(detailKey(slug, saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: challengesKey(slug), exact: true });
    },
  });
}

export function useDeleteChallenge(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/api/v1/events/{slug}/challenges/{id}', { params: { path: { slug, id } } });
      if (!response.ok) throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: detailKey(slug, id) });
      return queryClient.invalidateQueries({ queryKey: challengesKey(slug), exact: true });
    },
  });
}

/** Attaches files (a file of the same name is replaced); the API answers the ones stored. */
export function useUploadChallengeFiles(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name);
      return upload<ChallengeFile[]>(challengePath(slug, `/${encodeURIComponent(id)}/files`), form);
    },
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(slug, id) }), queryClient.invalidateQueries({ queryKey: challengesKey(slug), exact: true })]),
  });
}

/** Removes one attachment (and its stored bytes): participants can no longer download it. */
export function useRemoveChallengeFile(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (fileId: string) => {
      const { error, response } = await api.DELETE('/api/v1/events/{slug}/challenges/{id}/files/{fileId}', { params: { path: { slug, id, fileId } } });
      if (!response.ok) throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(slug, id) }), queryClient.invalidateQueries({ queryKey: challengesKey(slug), exact: true })]),
  });
}

/** Which of the editor's flags a submission would match, answered by the API with the attempt path's matcher. */
export function useFlagTest(slug: string) {
  return useMutation({
    mutationFn: async (body: { submission: string; flags: FlagInput[] }) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/challenges/flag-test', { params: { path: { slug } }, body });
      if (error || !data) throw error ?? new Error('no answer');
      return data;
    },
  });
}

/** ctfcli import: a challenge.yml or a .zip of challenge folders, as the multipart field `file`; all or nothing. */
export function useImportChallenges(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<ImportResult>(challengePath(slug, '/import'), form);
    },
    // Updated challenges' details are stale too.
    onSuccess: () =>
      queryClient
        .invalidateQueries({ queryKey: ['/api/v1/events/{slug}/challenges/{id}', slug] })
        .then(() => queryClient.invalidateQueries({ queryKey: challengesKey(slug), exact: true })),
  });
}

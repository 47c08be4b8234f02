import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { UploadAnswer, uploadWithProgress } from '../../api/upload';

export type Project = components['schemas']['ProjectDto'];
export type ProjectBody = components['schemas']['CreateProjectDto'];
export type HackathonSettings = components['schemas']['HackathonSettingsDto'];

export const settingsKey = (slug: string) => ['/api/v1/events/{slug}/hackathon', slug] as const;
export const myProjectKey = (slug: string) => ['/api/v1/events/{slug}/projects/me', slug] as const;

export function useHackathonSettings(slug: string) {
  return useQuery({
    queryKey: settingsKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/hackathon', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

/** The team's project; null when the team has none yet (404). Polled while the organiser's check is pending. */
export function useMyProject(slug: string) {
  return useQuery({
    queryKey: myProjectKey(slug),
    retry: false,
    refetchInterval: (query) => (query.state.data?.checks?.some((check) => check.status === 'pending') ? 3000 : false),
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/projects/me', { params: { path: { slug } } });
      if (response.status === 404) return null;
      if (error) throw error;
      return data;
    },
  });
}

export function useSaveProject(slug: string, id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProjectBody) => {
      const { data, error } = id
        ? await api.PUT('/api/v1/events/{slug}/projects/{id}', { params: { path: { slug, id } }, body })
        : await api.POST('/api/v1/events/{slug}/projects', { params: { path: { slug } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: (project) => queryClient.setQueryData(myProjectKey(slug), project),
  });
}

export function useUploadArchive(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }): Promise<UploadAnswer<Project>> => {
      const form = new FormData();
      form.append('file', file, file.name);
      return uploadWithProgress<Project>(`/api/v1/events/${encodeURIComponent(slug)}/projects/${encodeURIComponent(id)}/archive`, form, onProgress);
    },
    onSuccess: (answer) => {
      if (answer.status === 200) queryClient.setQueryData(myProjectKey(slug), answer.body);
    },
  });
}

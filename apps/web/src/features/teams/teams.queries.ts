import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema';

export type Team = components['schemas']['TeamDto'];
export type TeamMember = components['schemas']['TeamMemberDto'];
export type Registration = components['schemas']['RegistrationDto'];
export type RegistrationQuestion = components['schemas']['RegistrationQuestionDto'];
export type Invite = components['schemas']['InviteDto'];

export const myTeamKey = (slug: string) => ['/api/v1/events/{slug}/teams/me', slug] as const;
export const myRegistrationKey = (slug: string) => ['/api/v1/events/{slug}/registrations/me', slug] as const;
export const inviteKey = (code: string) => ['/api/v1/invites/{code}', code] as const;

// "Not registered" and "in no team" are answers (404), not failures: null.
const orNullOn404 = <T>(data: T | undefined, error: unknown, response: Response): T | null => {
  if (response.status === 404) return null;
  if (error || data === undefined) throw error ?? { statusCode: response.status };
  return data;
};

export function useMyRegistration(slug: string, enabled = true) {
  return useQuery({
    queryKey: myRegistrationKey(slug),
    enabled,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/registrations/me', { params: { path: { slug } } });
      return orNullOn404(data, error, response);
    },
  });
}

export function useMyTeam(slug: string, enabled = true) {
  return useQuery({
    queryKey: myTeamKey(slug),
    enabled,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/teams/me', { params: { path: { slug } } });
      return orNullOn404(data, error, response);
    },
  });
}

export function useInvite(code: string) {
  return useQuery({
    queryKey: inviteKey(code),
    retry: false,
    queryFn: async () => {
      const answer = await api.GET('/api/v1/invites/{code}', { params: { path: { code } } });
      const response: Response = answer.response;
      const error: unknown = answer.error;
      if (answer.data) return answer.data;
      throw { ...(error as ApiError | undefined), statusCode: response.status, retryAfter: Number(response.headers.get('retry-after')) || null };
    },
  });
}

type Answers = Record<string, string>;

export function useRegister(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answers: Answers) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/registrations', { params: { path: { slug } }, body: { answers } });
      if (error) throw error;
      return data;
    },
    onSuccess: (registration) => queryClient.setQueryData(myRegistrationKey(slug), registration),
  });
}

export function useEditAnswers(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answers: Answers) => {
      const { data, error } = await api.PATCH('/api/v1/events/{slug}/registrations/me', { params: { path: { slug } }, body: { answers } });
      if (error) throw error;
      return data;
    },
    onSuccess: (registration) => queryClient.setQueryData(myRegistrationKey(slug), registration),
    onError: () => queryClient.invalidateQueries({ queryKey: myRegistrationKey(slug) }),
  });
}

export function useWithdraw(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error } = await api.DELETE('/api/v1/events/{slug}/registrations/me', { params: { path: { slug } } });
      if (error) throw error;
    },
    onSuccess: () => queryClient.setQueryData(myRegistrationKey(slug), null),
  });
}

/** A write that answers the caller's team (create, join, rename, captaincy, invite code); the cache takes the answer. */
function useTeamWrite<A>(slug: string, send: (arg: A) => Promise<{ data?: Team; error?: unknown }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (arg: A) => {
      const { data, error } = await send(arg);
      if (error || !data) throw error;
      return data;
    },
    onSuccess: (team) => queryClient.setQueryData(myTeamKey(slug), team),
    // The API is the judge of who is in the team: read it again after a refusal.
    onError: () => queryClient.invalidateQueries({ queryKey: myTeamKey(slug) }),
  });
}

export const useCreateTeam = (slug: string) =>
  useTeamWrite(slug, (body: { name: string; division?: string }) => api.POST('/api/v1/events/{slug}/teams', { params: { path: { slug } }, body }));

export const useJoinTeam = (slug: string) =>
  useTeamWrite(slug, (inviteCode: string) => api.POST('/api/v1/events/{slug}/teams/join', { params: { path: { slug } }, body: { inviteCode } }));

export const useRenameTeam = (slug: string) => useTeamWrite(slug, (name: string) => api.PATCH('/api/v1/events/{slug}/teams/me', { params: { path: { slug } }, body: { name } }));

export const useTransferCaptain = (slug: string) =>
  useTeamWrite(slug, (userId: string) => api.POST('/api/v1/events/{slug}/teams/me/captain', { params: { path: { slug } }, body: { userId } }));

export const useRotateInvite = (slug: string) => useTeamWrite(slug, () => api.POST('/api/v1/events/{slug}/teams/me/invite-code', { params: { path: { slug } } }));

/** Removes a member (the captain anyone, a member themself); leaving or being emptied refetches the team. */
export function useRemoveMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      const { error } = await api.DELETE('/api/v1/events/{slug}/teams/me/members/{userId}', { params: { path: { slug, userId } } });
      if (error) throw error;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: myTeamKey(slug) }),
  });
}

export function useDisbandTeam(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error } = await api.DELETE('/api/v1/events/{slug}/teams/me', { params: { path: { slug } } });
      if (error) throw error;
    },
    onSuccess: () => queryClient.setQueryData(myTeamKey(slug), null),
    onError: () => queryClient.invalidateQueries({ queryKey: myTeamKey(slug) }),
  });
}

/** The API's message for a refusal, as one line. */
export function errorMessage(error: unknown): string {
  const message = (error as ApiError | null | undefined)?.message;
  return [message ?? ''].flat().join(' · ');
}

export const statusOf = (error: unknown): number | undefined => (error as ApiError | null | undefined)?.statusCode;

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { announcementsKey } from '../events/events.queries';

export type Award = components['schemas']['AwardDto'];
export type AwardBody = components['schemas']['CreateAwardDto'];
export type AnnouncementBody = components['schemas']['CreateAnnouncementDto'];
export type AnnouncementEdit = components['schemas']['UpdateAnnouncementDto'];
export type LoggedAttempt = components['schemas']['AttemptLogDto'];
export type Verdict = LoggedAttempt['verdict'];
export type ManagedTeam = components['schemas']['ModeratedTeamDto'];
export type TeamChange = components['schemas']['ModerateTeamDto'];

/** Rows per page of the console's paged tables. */
export const OPS_PAGE = 50;
/** The API's largest page: pickers (teams, challenges) read this many. */
const PICKER_LIMIT = 500;

const total = (response: Response, fallback: number) => Number(response.headers.get('x-total-count') ?? fallback);

const awardsKey = (slug: string) => ['/api/v1/events/{slug}/awards', slug] as const;
const attemptsKey = (slug: string) => ['/api/v1/events/{slug}/attempts', slug] as const;
const managedTeamsKey = (slug: string) => ['/api/v1/events/{slug}/teams/all', slug] as const;

export function usePostAnnouncement(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AnnouncementBody) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/announcements', { params: { path: { slug } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: announcementsKey(slug) }),
  });
}

/** An organiser's edit of one announcement; open event pages get it from the stream. */
export function useEditAnnouncement(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: AnnouncementEdit }) => {
      const { data, error } = await api.PATCH('/api/v1/events/{slug}/announcements/{id}', { params: { path: { slug, id } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: announcementsKey(slug) }),
  });
}

export function useDeleteAnnouncement(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/events/{slug}/announcements/{id}', { params: { path: { slug, id } } });
      if (!response.ok) throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: announcementsKey(slug) }),
  });
}

export function useAwards(slug: string, page: number) {
  return useQuery({
    queryKey: [...awardsKey(slug), page],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/awards', { params: { path: { slug }, query: { limit: OPS_PAGE, offset: (page - 1) * OPS_PAGE } } });
      if (error) throw error;
      return { items: data, total: total(response, data.length) };
    },
  });
}

export function useGiveAward(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AwardBody) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/awards', { params: { path: { slug } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: awardsKey(slug) }),
  });
}

export function useRemoveAward(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error } = await api.DELETE('/api/v1/events/{slug}/awards/{id}', { params: { path: { slug, id } } });
      if (error) throw error;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: awardsKey(slug) }),
  });
}

export interface AttemptsFilter {
  teamId?: string;
  challengeId?: string;
  verdict?: Verdict;
  since?: string;
  until?: string;
  shared?: boolean;
  windowSeconds?: number;
  page: number;
}

/** One page of the attempts log with the total; the API flags possible flag sharing on each row (`sharedWith`). */
export function useAttemptsLog(slug: string, filter: AttemptsFilter) {
  return useQuery({
    queryKey: [...attemptsKey(slug), filter],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { page, ...rest } = filter;
      // Filters left undefined are not sent.
      const query = { ...rest, limit: OPS_PAGE, offset: (page - 1) * OPS_PAGE };
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/attempts', { params: { path: { slug }, query } });
      if (error) throw error;
      return { items: data, total: total(response, data.length) };
    },
  });
}

/** Every team with its flags (organisers), one page; `q` searches names. */
export function useManagedTeams(slug: string, page: number, q = '', limit = OPS_PAGE) {
  return useQuery({
    queryKey: [...managedTeamsKey(slug), page, q, limit],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const query = { limit, offset: (page - 1) * limit, ...(q.trim() ? { q: q.trim() } : {}) };
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/teams/all', { params: { path: { slug }, query } });
      if (error) throw error;
      return { items: data, total: total(response, data.length) };
    },
  });
}

/** The teams for a picker (award form, log filter): the first 500, hidden ones too. */
export const useTeamChoices = (slug: string) => useManagedTeams(slug, 1, '', PICKER_LIMIT);

/** The challenges for the log's filter (organisers see hidden ones too). */
export function useChallengeChoices(slug: string) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/challenges', slug, 'choices'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/challenges', { params: { path: { slug } } });
      if (error) throw error;
      return data.map((challenge) => ({ id: challenge.id, name: challenge.name }));
    },
  });
}

export function useChangeTeam(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, change }: { id: string; change: TeamChange }) => {
      const { data, error } = await api.PATCH('/api/v1/events/{slug}/teams/{id}', { params: { path: { slug, id } }, body: change });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: managedTeamsKey(slug) }),
  });
}

export function useRemoveMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ teamId, userId }: { teamId: string; userId: string }) => {
      const { error } = await api.DELETE('/api/v1/events/{slug}/teams/{id}/members/{userId}', { params: { path: { slug, id: teamId, userId } } });
      if (error) throw error;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: managedTeamsKey(slug) }),
  });
}

/** An organiser disbands a team without contest history (the API answers 409 `team-has-history` otherwise). */
export function useDisbandTeam(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/events/{slug}/teams/{id}', { params: { path: { slug, id } } });
      if (!response.ok) throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: managedTeamsKey(slug) }),
  });
}

/** Ends the freeze for everyone once the event is over (the API refuses it before: 409). */
export function useReveal(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/leaderboard/reveal', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
    onSuccess: (event) => queryClient.setQueryData(['/api/v1/events/{slug}', event.slug], event),
  });
}

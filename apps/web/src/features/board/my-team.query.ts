import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The caller's team in an event (null when they have none): in the first load, so a board's start can read it beside the rows. */
export const myTeamQuery = (slug: string) =>
  queryOptions({
    queryKey: ['/api/v1/events/{slug}/teams/me', slug],
    retry: false,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/teams/me', { params: { path: { slug } } });
      if (response.status === 404) return null;
      if (error) throw error;
      return data ?? null;
    },
  });

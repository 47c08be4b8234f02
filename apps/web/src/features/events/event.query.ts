import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';

/** One event's read: in the first load, so a route's loader can start it while the page's chunk is still coming. */
export const eventQuery = (slug: string) =>
  queryOptions({
    queryKey: ['/api/v1/events/{slug}', slug],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });

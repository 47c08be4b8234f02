import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { eventQuery } from './event.query';

export type ArenaEvent = components['schemas']['EventDto'];
export type Announcement = components['schemas']['AnnouncementDto'];

export function useEvents() {
  return useQuery({
    queryKey: ['/api/v1/events'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events', { params: { query: { limit: 500 } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useEvent(slug: string) {
  return useQuery(eventQuery(slug));
}

export const announcementsKey = (slug: string) => ['/api/v1/events/{slug}/announcements', slug] as const;

export function useAnnouncements(slug: string) {
  return useQuery({
    queryKey: announcementsKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/announcements', { params: { path: { slug }, query: { limit: 50 } } });
      if (error) throw error;
      return data;
    },
  });
}

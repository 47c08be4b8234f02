import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';

export type AdminUser = components['schemas']['AdminUserDto'];
export type PlatformRole = AdminUser['role'];
export const ROLES: PlatformRole[] = ['user', 'organizer', 'admin'];
export const PAGE = 50;

const usersKey = ['/api/v1/users'] as const;

export interface UsersFilter {
  search: string;
  role: PlatformRole | null;
  page: number;
}

/** One page of every account (admins), with the total. */
export function useUsers(filter: UsersFilter) {
  return useQuery({
    queryKey: [...usersKey, filter],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const query = {
        limit: PAGE,
        offset: (filter.page - 1) * PAGE,
        ...(filter.search.trim() ? { q: filter.search.trim() } : {}),
        ...(filter.role ? { role: filter.role } : {}),
      };
      const { data, error, response } = await api.GET('/api/v1/users', { params: { query } });
      if (error) throw error;
      return { items: data, total: Number(response.headers.get('x-total-count') ?? data.length) };
    },
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; role?: PlatformRole; disabled?: boolean }) => {
      const { data, error } = await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body });
      if (error) throw error;
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** One page of every event on the platform, unlisted ones too (admins). */
export function useAllEvents(page: number) {
  return useQuery({
    queryKey: ['/api/v1/events', 'unlisted', page],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events', { params: { query: { include: 'unlisted', limit: PAGE, offset: (page - 1) * PAGE } } });
      if (error) throw error;
      return { items: data, total: Number(response.headers.get('x-total-count') ?? data.length) };
    },
  });
}

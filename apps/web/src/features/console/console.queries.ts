import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSignedIn } from '../auth/auth.queries';

export type CreateEventBody = components['schemas']['CreateEventDto'];
export type UpdateEventBody = components['schemas']['UpdateEventDto'];
export type QuestionBody = components['schemas']['RegistrationQuestionDto'];
export type ManagedRegistration = components['schemas']['RegistrationDto'];
export type DecisionsResult = components['schemas']['DecisionsResultDto'];
export type Decision = components['schemas']['DecideRegistrationsDto']['status'];
export type RegistrationStatus = ManagedRegistration['status'];

/** Platform admins and organizers create events (the API's rule on POST /events); the button follows it. */
export const canCreateEvents = (role: string | undefined) => role === 'admin' || role === 'organizer';

export const myRolesKey = (slug: string) => ['/api/v1/events/{slug}/staff/me', slug] as const;
const registrationsKey = (slug: string) => ['/api/v1/events/{slug}/registrations', slug] as const;

/** The caller's roles in the event, as the API answers them (admins organise every event). */
export function useMyEventRoles(slug: string) {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: myRolesKey(slug),
    enabled: signedIn,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/staff/me', { params: { path: { slug } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateEventBody) => {
      const { data, error } = await api.POST('/api/v1/events', { body });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['/api/v1/events'] }),
  });
}

export function useUpdateEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateEventBody) => {
      const { data, error } = await api.PATCH('/api/v1/events/{slug}', { params: { path: { slug } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: (event) => {
      queryClient.setQueryData(['/api/v1/events/{slug}', event.slug], event);
      return queryClient.invalidateQueries({ queryKey: ['/api/v1/events'] });
    },
  });
}

export interface RegistrationsFilter {
  status: RegistrationStatus | null;
  search: string;
  page: number;
}

export const REGISTRATIONS_PAGE = 50;

/** One page of the event's registrations with the total (X-Total-Count). */
export function useRegistrations(slug: string, filter: RegistrationsFilter) {
  return useQuery({
    queryKey: [...registrationsKey(slug), filter],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const query = {
        limit: REGISTRATIONS_PAGE,
        offset: (filter.page - 1) * REGISTRATIONS_PAGE,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.search.trim() ? { q: filter.search.trim() } : {}),
      };
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/registrations', { params: { path: { slug }, query } });
      if (error) throw error;
      return { items: data, total: Number(response.headers.get('x-total-count') ?? data.length) };
    },
  });
}

export function useDecideRegistrations(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, status }: { ids: string[]; status: Decision }) => {
      const { data, error } = await api.POST('/api/v1/events/{slug}/registrations/decisions', { params: { path: { slug } }, body: { ids, status } });
      if (error) throw error;
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: registrationsKey(slug) }),
  });
}

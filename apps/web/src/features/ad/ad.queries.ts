import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { uploadWithProgress } from '../../api/upload';
import type { ArenaEvent } from '../events/events.queries';

export type AdStatus = components['schemas']['AdStatusDto'];
export type AdStatusRow = components['schemas']['AdStatusRowDto'];
export type AdServiceStatus = components['schemas']['AdServiceStatusDto'];
export type AttackInfo = components['schemas']['AttackInfoDto'];
export type FlagResult = components['schemas']['FlagResultDto'];
export type AdService = components['schemas']['AdServiceDto'];
export type Vulnbox = components['schemas']['VulnboxDto'];
export type AdCheck = components['schemas']['AdCheckDto'];
type AdSettings = components['schemas']['AdSettingsDto'];

/** The statuses a checker gives a team's service, in the board's legend order. */
export const SERVICE_STATUSES = ['OK', 'RECOVERING', 'MUMBLE', 'CORRUPT', 'DOWN', 'CHECK_FAILED'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** The event's tick in milliseconds (the OpenAPI document types the event's `ad` loosely). */
export function tickMs(event: ArenaEvent): number {
  const seconds = (event.ad as unknown as AdSettings | null | undefined)?.tickSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 60_000;
}

const path = (slug: string) => ({ params: { path: { slug } } });

/**
 * The service grid, read again for every new board version the stream pushes (scores move each tick) and, as a
 * fallback for ticks that change no score (every service down), once per tick.
 */
export function useAdStatus(event: ArenaEvent, version: number) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/ad/status', event.slug, version],
    placeholderData: keepPreviousData,
    gcTime: 10_000,
    refetchInterval: tickMs(event),
    retry: false,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/ad/status', path(event.slug));
      if (data) return data;
      throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
  });
}

/** The public flag ids of the live ticks (teams and organisers), read again every tick. */
export function useAttackInfo(event: ArenaEvent, enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/ad/attack-info', event.slug],
    enabled,
    refetchInterval: tickMs(event),
    retry: false,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/ad/attack-info', path(event.slug));
      if (data) return data;
      throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
  });
}

/** The caller's team token (organisers: every team's). */
export function useTeamTokens(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/ad/tokens', slug],
    enabled,
    retry: false,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/events/{slug}/ad/tokens', path(slug));
      if (data) return data;
      throw { ...(error as ApiError | undefined), statusCode: response.status } satisfies ApiError;
    },
  });
}

/** The verdicts for a batch of flags, or why there are none: a 429 carries its Retry-After seconds. */
export type FlagsOutcome = { kind: 'verdicts'; results: FlagResult[] } | { kind: 'refused'; status: number; retryAfter: number | null; message: string };

export function useSubmitFlags(slug: string) {
  return useMutation({
    mutationFn: async (flags: string[]): Promise<FlagsOutcome> => {
      const { data, error, response } = await api.POST('/api/v1/events/{slug}/ad/flags', { ...path(slug), body: { flags } });
      if (data) return { kind: 'verdicts', results: data.results };
      const retryAfter = Number(response.headers.get('retry-after'));
      const message = (error as ApiError | undefined)?.message;
      return { kind: 'refused', status: response.status, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, message: [message ?? ''].flat().join(' ') };
    },
  });
}

/** Whether the caller organises the event: the organisers' checker list answers them only. */
export function useIsAdOrganiser(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/ad/checks', slug, 'probe'],
    enabled,
    retry: false,
    queryFn: async () => {
      const { response } = await api.GET('/api/v1/events/{slug}/ad/checks', { params: { path: { slug }, query: { limit: 1 } } });
      return response.ok;
    },
  });
}

const servicesKey = (slug: string) => ['/api/v1/events/{slug}/ad/services', slug] as const;
const vulnboxesKey = (slug: string) => ['/api/v1/events/{slug}/ad/vulnboxes', slug] as const;

export function useAdServices(slug: string) {
  return useQuery({
    queryKey: servicesKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/ad/services', path(slug));
      if (error || !data) throw error ?? new Error('no services');
      return data;
    },
  });
}

/** A multipart upload's refusal, shaped as the API's error body (so fieldErrors can place it). */
async function upload<T>(url: string, form: FormData): Promise<T> {
  const answer = await uploadWithProgress<T>(url, form, () => undefined);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  throw { ...(answer.body as ApiError | null), statusCode: answer.status } satisfies ApiError;
}

export interface NewService {
  name: string;
  port: string;
  checkerCommand: string;
  checkerTimeoutSeconds: string;
  vulns: string;
  checker: File | null;
}

/** Adds a service (multipart: the fields and the checker zip); the API's 400s name their field. */
export function useCreateService(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (service: NewService) => {
      const form = new FormData();
      for (const key of ['name', 'port', 'checkerCommand', 'checkerTimeoutSeconds', 'vulns'] as const) if (service[key] !== '') form.append(key, service[key]);
      if (service.checker) form.append('checker', service.checker);
      return upload<AdService>(`/api/v1/events/${encodeURIComponent(slug)}/ad/services`, form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: servicesKey(slug) }),
  });
}

export function useVulnboxes(slug: string) {
  return useQuery({
    queryKey: vulnboxesKey(slug),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/ad/vulnboxes', path(slug));
      if (error || !data) throw error ?? new Error('no vulnboxes');
      return data;
    },
  });
}

/** Replaces the vulnboxes from a CSV of `team,host` rows (all or nothing). */
export function useImportVulnboxes(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return upload<Vulnbox[]>(`/api/v1/events/${encodeURIComponent(slug)}/ad/vulnboxes/import`, form);
    },
    onSuccess: (boxes) => queryClient.setQueryData(vulnboxesKey(slug), boxes),
  });
}

export interface ChecksFilter {
  tick?: number;
  teamId?: string;
}

/** The latest checker runs with their output (organisers), filtered by tick and team. */
export function useChecks(slug: string, filter: ChecksFilter) {
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/ad/checks', slug, filter],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/events/{slug}/ad/checks', { params: { path: { slug }, query: { ...filter, limit: 100 } } });
      if (error || !data) throw error ?? new Error('no checks');
      return data;
    },
  });
}

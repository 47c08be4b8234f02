import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';

export type JudgeInvitation = components['schemas']['JudgeInvitationDto'];
export type InviteResult = components['schemas']['InviteJudgeResultDto'];
export type JudgeRemoved = components['schemas']['JudgeRemovedDto'];

const invitationsKey = (slug: string) => ['/api/v1/events/{slug}/judging/invitations', slug] as const;

/** Unwraps an openapi-fetch answer: the data, or the API's error thrown. */
async function call<T>(request: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await request;
  if (error) throw error;
  return data as T;
}

/** Judges, assignments, progress and results of the event move together: every query of its slug is read again. */
function useInvalidateEvent(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] === slug });
}

export function useInvitations(slug: string) {
  return useQuery({ queryKey: invitationsKey(slug), queryFn: () => call(api.GET('/api/v1/events/{slug}/judging/invitations', { params: { path: { slug } } })) });
}

/** An email with an account makes that user a judge now; without one, an invitation with a one-time claim link. */
export function useInviteJudge(slug: string) {
  const invalidate = useInvalidateEvent(slug);
  return useMutation({
    mutationFn: (body: { email: string; tracks: string[] }) => call(api.POST('/api/v1/events/{slug}/judging/invitations', { params: { path: { slug } }, body })),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation(slug: string) {
  const invalidate = useInvalidateEvent(slug);
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/events/{slug}/judging/invitations/{id}', { params: { path: { slug, id } } })),
    onSettled: invalidate,
  });
}

/** Takes a judge off the event: the API ends their assignments (reassigned), drops their scores and votes. */
export function useRemoveJudge(slug: string) {
  const invalidate = useInvalidateEvent(slug);
  return useMutation({
    mutationFn: (userId: string) => call(api.DELETE('/api/v1/events/{slug}/judging/judges/{userId}', { params: { path: { slug, userId } } })),
    onSettled: invalidate,
  });
}

/** The signed-in account claims an invitation's code: a judge of the event when its email is the invited one. */
export function useClaimInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, code }: { slug: string; code: string }) =>
      call(api.POST('/api/v1/events/{slug}/judging/invitations/claim', { params: { path: { slug } }, body: { code } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

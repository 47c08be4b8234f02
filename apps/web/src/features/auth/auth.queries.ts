import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { getSession, setSession, subscribeSession } from '../../api/session.store';

export type User = components['schemas']['UserDto'];
export type RegisterBody = components['schemas']['RegisterDto'];
export type LoginBody = components['schemas']['LoginDto'];
export type UpdateProfileBody = components['schemas']['UpdateProfileDto'];

export const ME_KEY = ['/api/v1/auth/me'] as const;

export function useSignedIn(): boolean {
  return useSyncExternalStore(subscribeSession, () => getSession() !== null);
}

export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: ME_KEY,
    enabled: signedIn,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/auth/me');
      if (error) throw error;
      return data;
    },
  });
}

function useStartSession() {
  const queryClient = useQueryClient();
  return (answer: { user: User; accessToken: string; refreshToken: string }) => {
    setSession({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    queryClient.setQueryData(ME_KEY, answer.user);
  };
}

export function useSignIn() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (body: LoginBody) => {
      const { data, error } = await api.POST('/api/v1/auth/login', { body });
      if (error) throw error;
      return data;
    },
    onSuccess: start,
  });
}

export function useSignUp() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (body: RegisterBody) => {
      const { data, error } = await api.POST('/api/v1/auth/register', { body });
      if (error) throw error;
      return data;
    },
    onSuccess: start,
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateProfileBody) => {
      const { data, error } = await api.PATCH('/api/v1/users/me', { body });
      if (error) throw error;
      return data;
    },
    onSuccess: (user) => queryClient.setQueryData(ME_KEY, user),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return () => {
    setSession(null);
    queryClient.clear();
  };
}

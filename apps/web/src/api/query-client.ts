import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache: route loaders start reads in it while their page's chunk is still loading. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true } },
});

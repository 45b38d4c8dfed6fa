/**
 * The one cache of API answers (TanStack Query). A page asks with useQuery and a key naming what it
 * shows; a newer request replaces an older one (the query's AbortSignal cancels it), an action
 * invalidates what it changed, and signing out clears everything, so the next person in this tab
 * never sees the last one's data.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The API's answer (a 404, a 403, a problem) is final; only a network failure is worth a retry.
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      // Coming back to a page shows what it showed at once, and asks again behind it.
      staleTime: 0,
      refetchOnWindowFocus: false,
    },
  },
});

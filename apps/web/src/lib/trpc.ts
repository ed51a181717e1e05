// The typed tRPC client (AppRouter's types only) and its TanStack Query integration.
import type { AppRouter } from "@supportdesk/trpc";
import { QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { getSession, refreshSession } from "./session";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The tenant this tab works in: the `/t/:slug/…` segment of its URL (so two tabs can differ). */
export function tenantSlugFromUrl(pathname = window.location.pathname): string | undefined {
  return /^\/t\/([a-z][a-z0-9-]{1,62})(?:\/|$)/.exec(pathname)?.[1];
}

/** Fetch with the access token; on a 401 it refreshes once (single-flight) and retries. */
const authedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const send = () => {
    const headers = new Headers(init?.headers);
    const token = getSession()?.accessToken;
    if (token) headers.set("authorization", `Bearer ${token}`);
    const slug = tenantSlugFromUrl();
    if (slug) headers.set("x-tenant-slug", slug);
    return fetch(input, { ...init, headers, credentials: "same-origin" });
  };
  const first = await send();
  if (first.status !== 401 || !getSession()) return first;
  return (await refreshSession()) ? send() : first;
};

/** Procedures sent alone rather than batched: what a page is waiting to show. */
export const UNBATCHED = new Set(["tickets.list", "tickets.get", "customers.list"]);

export function createClients() {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Retry network trouble, not answers: a 4xx will not get better by asking again.
        retry: (count, error) =>
          count < 2 && !(error instanceof TRPCClientError && (error.data?.httpStatus ?? 500) < 500),
      },
    },
  });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      // A page's main content goes on its own request, so it never waits for the slowest of
      // the small queries batched beside it (the bell's count, the member list…).
      splitLink({
        condition: (op) => UNBATCHED.has(op.path),
        true: httpLink({ url: "/trpc", fetch: authedFetch }),
        false: httpBatchLink({ url: "/trpc", fetch: authedFetch, maxItems: 20 }),
      }),
    ],
  });
  return { queryClient, trpcClient };
}

/** A message a person can act on, from any error a procedure call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  if (error instanceof Error && error.message === "Failed to fetch") {
    return "Can't reach SupportDesk. Check your connection and try again.";
  }
  return "Something went wrong. Try again.";
}

/** The field a BAD_REQUEST/CONFLICT named, to show the message next to it. */
export function errorField(error: unknown): string | null {
  return error instanceof TRPCClientError
    ? ((error.data as { field?: string | null } | undefined)?.field ?? null)
    : null;
}

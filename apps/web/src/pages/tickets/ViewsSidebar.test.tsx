// The saved views and the bulk toolbar as the inbox renders them: counts (999+ when capped), the
// view the URL shows marked current, rename and delete only where allowed, the toolbar's labels,
// and merging offered to those who may merge.
import { afterEach, describe, expect, test } from "bun:test";
import type { AppRouter } from "@supportdesk/trpc";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router";
import { clearSession, setSignedIn } from "../../lib/session";
import { TRPCProvider } from "../../lib/trpc";
import { BulkToolbar } from "./BulkToolbar";
import { NO_FILTERS } from "./filters";
import { ViewsSidebar } from "./ViewsSidebar";
import type { SavedView } from "./views";

const TENANT = "00000000-0000-4000-8000-000000000001";
const SHARED = "00000000-0000-4000-8000-00000000000a";
const MINE = "00000000-0000-4000-8000-00000000000b";

function signIn(role: string) {
  setSignedIn({
    accessToken: "token",
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
    tenants: [{ id: TENANT, name: "Acme", slug: "acme", role, roleName: role }],
    defaultTenantId: TENANT,
  });
}

const view = (over: Partial<SavedView>): SavedView =>
  ({
    id: SHARED,
    name: "Open",
    filters: { status: ["open"] },
    sort: "newest",
    position: 0,
    shared: true,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    ...over,
  }) as SavedView;

function render(element: ReactNode, data: { views?: SavedView[]; counts?: unknown } = {}) {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url: "http://127.0.0.1:9/trpc" })],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  if (data.views) queryClient.setQueryData(trpc.views.list.queryKey(), data.views);
  if (data.counts) {
    queryClient.setQueryData(trpc.views.counts.queryKey(), data.counts as never);
  }
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <MemoryRouter initialEntries={["/t/acme/tickets"]}>
          <Routes>
            <Route path="/t/:slug/*" element={element} />
          </Routes>
        </MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("ViewsSidebar", () => {
  afterEach(() => clearSession());
  const views = [
    view({}),
    view({ id: MINE, name: "My urgent", shared: false, filters: { priority: ["urgent"] } }),
  ];
  const counts = {
    [SHARED]: { count: 1000, capped: true },
    [MINE]: { count: 4, capped: false },
  };

  test("each view links to its filters with its count; the one showing is current", () => {
    signIn("member");
    const html = render(<ViewsSidebar filters={{ ...NO_FILTERS, status: ["open"] }} />, {
      views,
      counts,
    });
    expect(html).toContain('aria-labelledby="views-heading"');
    expect(html).toContain('aria-current="page" href="/t/acme/tickets?status=open"');
    expect(html.match(/aria-current/g)?.length).toBe(1);
    expect(html).toContain('href="/t/acme/tickets?priority=urgent"');
    expect(html).toContain("999+");
    expect(html).toContain(">4<");
    expect(html).toContain("Save view");
  });

  test("a member may rename and delete only their own; an admin the shared ones too", () => {
    signIn("member");
    const member = render(<ViewsSidebar filters={NO_FILTERS} />, { views, counts });
    expect(member).toContain('aria-label="Rename view My urgent"');
    expect(member).toContain('aria-label="Delete view My urgent"');
    expect(member).not.toContain('aria-label="Rename view Open"');
    signIn("admin");
    const admin = render(<ViewsSidebar filters={NO_FILTERS} />, { views, counts });
    expect(admin).toContain('aria-label="Rename view Open"');
  });

  test("no views yet: says how to make one", () => {
    signIn("viewer");
    expect(render(<ViewsSidebar filters={NO_FILTERS} />, { views: [] })).toContain(
      "No saved views yet.",
    );
  });
});

describe("BulkToolbar", () => {
  afterEach(() => clearSession());
  const props = {
    target: { ids: ["t1", "t2"] },
    agents: [{ userId: "u2", name: "Sam Agent" }],
    offerAllMatching: null,
    onSelectAllMatching: () => {},
    onClear: () => {},
  };
  const two = [
    { id: "t1", number: 41, subject: "Printer jams" },
    { id: "t2", number: 42, subject: "Printer still jams" },
  ];

  test("the selection's size, the changes on offer, and merging for two or more", () => {
    signIn("member");
    const html = render(<BulkToolbar {...props} count={2} mergeable={two} />);
    expect(html).toContain('aria-label="Bulk actions"');
    expect(html).toContain("2 selected");
    for (const label of ["Set status", "Set priority", "Assign to", "Add tag", "Remove tag"]) {
      expect(html).toContain(`>${label}</label>`);
    }
    expect(html).toContain("Sam Agent");
    expect(html).toContain(">Merge into</label>");
    expect(html).toContain("#42 Printer still jams");
    expect(html).toContain('role="status"');
  });

  test("nothing selected: only the live region; all matching offered when asked", () => {
    signIn("member");
    const none = render(<BulkToolbar {...props} count={0} mergeable={[]} />);
    expect(none).not.toContain("Bulk actions");
    expect(none).toContain('role="status"');
    const offer = render(
      <BulkToolbar
        {...props}
        count={50}
        mergeable={[]}
        offerAllMatching="Select all 230 matching this filter"
      />,
    );
    expect(offer).toContain("Select all 230 matching this filter");
    expect(offer).not.toContain("Merge into");
  });
});

// Settings → Teams and the header's availability, rendered from cached answers: what a member and
// an admin see (nothing is fetched while rendering to markup).
import { afterEach, describe, expect, test } from "bun:test";
import type { AppRouter, RouterOutputs } from "@supportdesk/trpc";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router";
import { Availability } from "../../../layout/Availability";
import { clearSession, setSignedIn } from "../../../lib/session";
import { TRPCProvider } from "../../../lib/trpc";
import { TeamsPage } from "./TeamsPage";

const TENANT = "00000000-0000-4000-8000-000000000001";
const TEAMS: RouterOutputs["teams"]["list"] = [
  {
    id: "00000000-0000-4000-8000-0000000000t1",
    name: "Billing",
    description: "Money things",
    assignment: "round_robin",
    capacity: 5,
    waiting: 2,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    members: [
      { userId: "u1", name: "Ada", availability: "online", load: 3 },
      { userId: "u2", name: "Bo", availability: "away", load: 0 },
    ],
  },
];

function render(role: string, element: ReactNode) {
  setSignedIn({
    accessToken: "token",
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
    tenants: [{ id: TENANT, name: "Acme", slug: "acme", role, roleName: role }],
    defaultTenantId: TENANT,
  });
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url: "http://127.0.0.1:9/trpc" })],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.teams.list.queryKey(), TEAMS);
  queryClient.setQueryData(trpc.teams.myAvailability.queryKey(), {
    userId: "u1",
    status: "away",
    manual: "away",
    present: true,
    lastSeenAt: new Date(0).toISOString(),
  });
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <MemoryRouter initialEntries={["/t/acme/settings/teams"]}>
          <Routes>
            <Route path="/t/:slug/*" element={element} />
          </Routes>
        </MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("Settings → Teams", () => {
  afterEach(() => clearSession());

  test("everyone sees the teams, their rule, members' availability and load", () => {
    const html = render("member", <TeamsPage />);
    expect(html).toContain("Billing");
    expect(html).toContain("Round-robin");
    expect(html).toContain("Up to 5 open each · 2 waiting");
    expect(html).toContain('Ada</span><span class="sd-muted">Online</span>');
    expect(html).toContain("3 of 5 open");
    expect(html).toContain("Away");
    expect(html).not.toContain("New team");
    expect(html).not.toContain("Edit Billing");
  });

  test("an admin may create, edit and delete teams", () => {
    const html = render("admin", <TeamsPage />);
    expect(html).toContain("New team");
    expect(html).toContain('aria-label="Edit Billing"');
    expect(html).toContain('aria-label="Delete Billing"');
  });
});

describe("the header's availability", () => {
  afterEach(() => clearSession());

  test("an agent sees their override selected, and what Automatic would be", () => {
    const html = render("member", <Availability />);
    expect(html).toContain("Your availability");
    expect(html).toContain('<option value="away" selected="">Away</option>');
    expect(html).toContain("Automatic (Online)");
    expect(html).toContain("presence-away");
  });

  test("a viewer, who is never assigned, has no availability", () => {
    expect(render("viewer", <Availability />)).toBe("");
  });
});

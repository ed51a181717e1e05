// Settings → Business hours rendered from cached answers: what an admin and a member see, and the
// form's labelled controls (nothing is fetched while rendering to markup).
import { afterEach, describe, expect, test } from "bun:test";
import type { AppRouter, RouterOutputs } from "@supportdesk/trpc";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router";
import { clearSession, setSignedIn } from "../../../lib/session";
import { TRPCProvider } from "../../../lib/trpc";
import { BusinessHoursPage } from "./BusinessHoursPage";
import { CalendarForm } from "./CalendarForm";

const TENANT = "00000000-0000-4000-8000-000000000001";
const nine = [{ start: "09:00", end: "17:00" }];
const CALENDARS: RouterOutputs["businessHours"]["list"] = [
  {
    id: "00000000-0000-4000-8000-0000000000b1",
    name: "UK office",
    timezone: "Europe/London",
    weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
    holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
    isDefault: true,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
  },
  {
    id: "00000000-0000-4000-8000-0000000000b2",
    name: "US support",
    timezone: "America/New_York",
    weekly: { sat: [{ start: "10:00", end: "14:00" }] },
    holidays: [],
    isDefault: false,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
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
  queryClient.setQueryData(trpc.businessHours.list.queryKey(), CALENDARS);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <MemoryRouter initialEntries={["/t/acme/settings/business-hours"]}>
          <Routes>
            <Route path="/t/:slug/*" element={element} />
          </Routes>
        </MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("Settings → Business hours", () => {
  afterEach(() => clearSession());

  test("an admin sees each calendar's zone, hours, holidays and the default, with its actions", () => {
    const html = render("admin", <BusinessHoursPage />);
    expect(html).toContain("UK office");
    expect(html).toContain("Default");
    expect(html).toContain("Europe/London");
    expect(html).toContain("Mon–Fri 09:00–17:00");
    expect(html).toContain("Christmas Day");
    expect(html).toContain("America/New York");
    expect(html).toContain("Sat 10:00–14:00");
    expect(html).toContain("New business hours");
    expect(html).toContain('aria-label="Make US support the default"');
    expect(html).not.toContain('aria-label="Make UK office the default"');
    expect(html).toContain('aria-label="Delete UK office"');
  });

  test("a member is told who manages them, and sees no calendars", () => {
    const html = render("member", <BusinessHoursPage />);
    expect(html).toContain("Admins manage business hours");
    expect(html).not.toContain("UK office");
  });

  test("the form labels every control: zone, a fieldset per weekday, holidays", () => {
    const first = CALENDARS[0];
    if (!first) throw new Error("no calendar");
    const html = render("admin", <CalendarForm calendar={first} onDone={() => {}} />);
    expect(html).toContain("Time zone");
    expect(html).toContain('<option value="Europe/London" selected="">Europe/London</option>');
    for (const day of ["Monday", "Saturday", "Sunday"]) {
      expect(html).toContain(`<legend class="bh-day-name">${day}</legend>`);
    }
    expect(html).toContain("Monday, hours 1, </span>opens");
    expect(html).toContain('value="Christmas Day"');
    expect(html).toContain("Every year");
  });
});

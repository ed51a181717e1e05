// The ticket sidebar's custom fields, rendered as a page renders them: a control per active field
// (labelled) for those who may update tickets, the values as text for those who may only read.
import { afterEach, describe, expect, test } from "bun:test";
import type { AppRouter } from "@supportdesk/trpc";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router";
import { clearSession, setSignedIn } from "../../lib/session";
import { TRPCProvider } from "../../lib/trpc";
import { CustomFields } from "./CustomFields";
import type { TicketField } from "./custom-field-values";
import type { TicketDetail } from "./shared";

const TENANT = "00000000-0000-4000-8000-000000000001";

function field(id: string, label: string, type: TicketField["type"], options: string[] = []) {
  return {
    id,
    label,
    description: "",
    type,
    options,
    required: false,
    onContactForm: false,
    position: 0,
    archivedAt: null,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
  } satisfies TicketField;
}

const FIELDS: TicketField[] = [
  { ...field("f1", "Plan", "select", ["Free", "Pro"]), required: true },
  field("f2", "Tools", "multiselect", ["Mail", "Chat"]),
  field("f3", "Seats", "number"),
  field("f4", "Renewal", "date"),
  { ...field("f5", "VIP", "checkbox"), description: "Answer within the hour" },
  field("f6", "Order", "text"),
];

const ticket = {
  id: "00000000-0000-4000-8000-0000000000t1",
  customFields: { f1: "Legacy", f2: ["Chat"], f3: 12, f5: true },
} as unknown as TicketDetail;

function render(role: "member" | "viewer") {
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
  queryClient.setQueryData(trpc.fields.list.queryKey(), FIELDS);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <MemoryRouter initialEntries={["/t/acme/tickets/1"]}>
          <Routes>
            <Route path="/t/:slug/*" element={<CustomFields ticket={ticket} />} />
          </Routes>
        </MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replace(/<!-- -->/g, "");
}

afterEach(() => clearSession());

describe("custom fields in the ticket's properties", () => {
  test("an agent gets a labelled control per field, holding the ticket's values", () => {
    const html = render("member");
    // Every label names a control by id (or wraps it), and every id is used once.
    const fors = [...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((m) => m[1]);
    for (const id of fors) expect(html).toContain(`id="${id}"`);
    expect(fors).toHaveLength(4);
    expect(html).toContain("<legend");
    expect(html).toMatch(/<select[^>]*aria-required="true"/);
    expect(html).toContain("Legacy (removed choice)");
    expect(html).toMatch(/<option value="Legacy" selected="">/);
    expect(html).toMatch(/<input type="checkbox" checked=""\/>Chat/);
    expect(html).toMatch(/<input type="checkbox"\/>Mail/);
    expect(html).toMatch(/inputMode="decimal"[^>]*value="12"|value="12"[^>]*inputMode="decimal"/);
    expect(html).toContain('type="date"');
    expect(html).toContain("Answer within the hour");
    expect(html.match(/aria-live="polite"/g)).toHaveLength(FIELDS.length);
  });

  test("a viewer reads the values as text", () => {
    const html = render("viewer");
    expect(html).not.toContain("<input");
    expect(html).not.toContain("<select");
    expect(html).toContain("Legacy (removed choice)");
    expect(html).toContain("Chat");
    expect(html).toContain("12");
    expect(html).toContain("Yes");
    expect(html).toContain("—");
  });
});

// The merge pieces as pages render them: "Merge into…" only for ticket.merge on an unmerged
// ticket, a merged ticket's notice naming and linking its target, the dialog's search, and the
// customer page's action only for customer.merge.
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
import { CustomerMerge } from "./CustomerMerge";
import { MergeDialog } from "./MergeDialog";
import type { TicketDetail } from "./shared";
import { TicketActions } from "./TicketActions";

const TENANT = "00000000-0000-4000-8000-000000000001";
const SOURCE = "00000000-0000-4000-8000-00000000000a";
const TARGET = "00000000-0000-4000-8000-00000000000b";

function ticket(over: Partial<TicketDetail> = {}): TicketDetail {
  return {
    id: SOURCE,
    number: 3,
    subject: "Printer jams",
    status: "open",
    priority: "normal",
    tags: [],
    assigneeId: null,
    teamId: null,
    customerId: null,
    channel: "agent",
    customFields: {},
    mergedIntoId: null,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    ccs: [],
    messages: [],
    ...over,
  } as TicketDetail;
}

function signIn(role: string) {
  setSignedIn({
    accessToken: "token",
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
    tenants: [{ id: TENANT, name: "Acme", slug: "acme", role, roleName: role }],
    defaultTenantId: TENANT,
  });
}

/** Renders `element` on a page's route; `target` is a ticket already fetched. */
function renderAt(
  path: string,
  element: ReactNode,
  options: { target?: TicketDetail; state?: unknown } = {},
) {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url: "http://127.0.0.1:9/trpc" })],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  if (options.target) {
    queryClient.setQueryData(trpc.tickets.get.queryKey({ id: options.target.id }), options.target);
  }
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <MemoryRouter initialEntries={[{ pathname: path, state: options.state ?? null }]}>
          <Routes>
            <Route path="/t/:slug/*" element={element} />
          </Routes>
        </MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replace(/<!-- -->/g, "");
}

const render = (t: TicketDetail, options: { target?: TicketDetail; state?: unknown } = {}) =>
  renderAt(`/t/acme/tickets/${t.id}`, <TicketActions ticket={t} />, options);

describe("TicketActions", () => {
  afterEach(() => clearSession());

  test("a member sees “Merge into…”; a viewer does not", () => {
    signIn("member");
    expect(render(ticket())).toContain("Merge into…");
    signIn("viewer");
    expect(render(ticket())).not.toContain("Merge into…");
  });

  test("a merged ticket: no merge button, a notice linking its target by number", () => {
    signIn("member");
    const html = render(ticket({ mergedIntoId: TARGET, status: "closed" }), {
      target: ticket({ id: TARGET, number: 7 }),
    });
    expect(html).not.toContain("Merge into…");
    expect(html).toContain('role="status"');
    expect(html).toMatch(new RegExp(`Merged into <a href="/t/acme/tickets/${TARGET}"[^>]*>#7</a>`));
  });

  test("the target names the ticket a redirect came from", () => {
    signIn("member");
    expect(render(ticket({ id: TARGET, number: 7 }), { state: { mergedFrom: 3 } })).toContain(
      "#3 was merged into this ticket.",
    );
  });
});

describe("the merge dialogs", () => {
  afterEach(() => clearSession());

  test("the ticket dialog asks for the ticket to merge into", () => {
    signIn("member");
    const html = renderAt(
      "/t/acme/tickets/x",
      <MergeDialog ticket={ticket()} onClose={() => {}} />,
    );
    expect(html).toContain('aria-labelledby="merge-title"');
    expect(html).toContain("Merge #3 into another ticket");
    expect(html).toContain("Ticket to merge into");
  });

  test("the customer page offers the merge to those holding customer.merge", () => {
    const customer = {
      id: SOURCE,
      email: "pat@example.net",
      name: "Pat",
      company: null,
      bouncingAt: null,
      bounceReason: null,
      createdAt: new Date(0).toISOString(),
      tickets: [],
    };
    signIn("admin");
    expect(renderAt("/t/acme/customers/x", <CustomerMerge customer={customer} />)).toContain(
      "Merge into another customer",
    );
    signIn("member");
    expect(renderAt("/t/acme/customers/x", <CustomerMerge customer={customer} />)).toBe("");
  });
});

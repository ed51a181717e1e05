import { afterEach, describe, expect, test } from "bun:test";
import { PERMISSION_KEYS, type Permission, ROLE_PERMISSIONS } from "@supportdesk/domain";
import type { AppRouter, RouterOutputs } from "@supportdesk/trpc";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router";
import { clearSession, setSignedIn } from "./session";
import { TRPCProvider } from "./trpc";
import { permissionsOf, useCan, useMyRoleName, usePermissions } from "./use-can";

const TENANT = "00000000-0000-4000-8000-000000000001";
const CUSTOM_ROLE = "00000000-0000-4000-8000-0000000000aa";

describe("permissionsOf", () => {
  test("a built-in role is answered from the table before the server answers", () => {
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      expect(permissionsOf({ id: TENANT, role }, undefined)).toBe(ROLE_PERMISSIONS[role]);
    }
  });

  test("a custom role is unknown (null) until the server answers", () => {
    expect(permissionsOf({ id: TENANT, role: CUSTOM_ROLE }, undefined)).toBeNull();
    const answered = permissionsOf(
      { id: TENANT, role: CUSTOM_ROLE },
      { id: TENANT, permissions: ["ticket.read", "ticket.update"] },
    );
    expect(answered && [...answered]).toEqual(["ticket.read", "ticket.update"]);
  });

  test("the server's answer wins over the role the session remembers", () => {
    const held = permissionsOf({ id: TENANT, role: "admin" }, { id: TENANT, permissions: [] });
    expect(held?.size).toBe(0);
  });

  test("an answer for another tenant (the one open before) is ignored", () => {
    const held = permissionsOf(
      { id: TENANT, role: "viewer" },
      { id: "another-tenant", permissions: PERMISSION_KEYS },
    );
    expect(held).toBe(ROLE_PERMISSIONS.viewer);
  });

  test("no membership: nothing", () => {
    expect(permissionsOf(undefined, { id: TENANT, permissions: PERMISSION_KEYS })?.size).toBe(0);
  });
});

/** What the hooks answer, as text. */
function Probe() {
  const held = usePermissions();
  const canReply = useCan("ticket.reply");
  const role = useMyRoleName();
  return (
    <p>
      {held === null ? "unknown" : [...held].join(" ")}|reply:{String(canReply)}|{role}
    </p>
  );
}

// The hooks in a rendered tree, as pages use them: the session, the URL's tenant and the
// `tenants.current` answer in the query cache (nothing is fetched while rendering to markup).
describe("useCan in a page", () => {
  afterEach(() => clearSession());

  function signIn(role: string) {
    setSignedIn({
      accessToken: "token",
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
      tenants: [{ id: TENANT, name: "Acme", slug: "acme", role, roleName: "Custom role" }],
      defaultTenantId: TENANT,
    });
  }

  function answer(permissions: Permission[], roleName = "Triage", id = TENANT) {
    return {
      id,
      slug: "acme",
      name: "Acme",
      plan: "free",
      status: "active",
      settings: {},
      customDomain: null,
      createdAt: new Date(0).toISOString(),
      role: CUSTOM_ROLE,
      roleName,
      permissions,
    } satisfies RouterOutputs["tenants"]["current"];
  }

  function render(path: string, current?: ReturnType<typeof answer>) {
    const queryClient = new QueryClient();
    const trpcClient = createTRPCClient<AppRouter>({
      links: [httpLink({ url: "http://127.0.0.1:9/trpc" })],
    });
    const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
    if (current) queryClient.setQueryData(trpc.tenants.current.queryKey(), current);
    return renderToStaticMarkup(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/t/:slug/*" element={<Probe />} />
            </Routes>
          </MemoryRouter>
        </TRPCProvider>
      </QueryClientProvider>,
    ).replace(/<!-- -->/g, "");
  }

  test("a member can reply at once, from the table", () => {
    signIn("member");
    expect(render("/t/acme/tickets")).toContain("|reply:true|");
  });

  test("a custom role: nothing is allowed until the server answers, then exactly its grant", () => {
    signIn(CUSTOM_ROLE);
    expect(render("/t/acme/tickets")).toBe("<p>unknown|reply:false|Custom role</p>");
    expect(render("/t/acme/tickets", answer(["ticket.read", "ticket.update"]))).toBe(
      "<p>ticket.read ticket.update|reply:false|Triage</p>",
    );
  });

  test("an answer cached for another tenant does not leak into this one", () => {
    signIn("viewer");
    const html = render("/t/acme/tickets", answer(PERMISSION_KEYS, "Owner", "another-tenant"));
    expect(html).toContain("|reply:false|");
    expect(html).not.toContain("apiKey.manage");
  });

  test("in an organisation the user does not belong to: nothing", () => {
    signIn("owner");
    expect(render("/t/elsewhere/tickets")).toBe("<p>|reply:false|</p>");
  });
});

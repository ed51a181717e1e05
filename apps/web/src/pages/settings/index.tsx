// A tenant's settings: organisation, members, invitations, API keys, audit log; notifications
// (the header bell, registered here at module load, and the inbox page). The pages load on first
// visit (their own chunks), so the inbox does not wait for them.
import type { RouteObject } from "react-router";
import { shellSlots } from "../../layout/AppShell";
import { NotificationsBell } from "./notifications/Bell";
import { AdminOnly, SettingsIndex, SettingsLayout } from "./SettingsLayout";
import "./settings.css";

if (!shellSlots.headerEnd.includes(NotificationsBell)) shellSlots.headerEnd.push(NotificationsBell);

/** A route whose page is imported when first visited; `admin` wraps it in AdminOnly. */
function page(load: () => Promise<() => React.ReactNode>, admin = false): RouteObject["lazy"] {
  return async () => {
    const Page = await load();
    return {
      element: admin ? (
        <AdminOnly>
          <Page />
        </AdminOnly>
      ) : (
        <Page />
      ),
    };
  };
}

export const settingsRoutes: RouteObject[] = [
  {
    path: "settings",
    element: <SettingsLayout />,
    children: [
      { index: true, element: <SettingsIndex /> },
      {
        path: "organisation",
        lazy: page(async () => (await import("./Organisation")).OrganisationPage, true),
      },
      { path: "members", lazy: page(async () => (await import("./Members")).MembersPage) },
      {
        path: "invitations",
        lazy: page(async () => (await import("./Invitations")).InvitationsPage, true),
      },
      { path: "api-keys", lazy: page(async () => (await import("./ApiKeys")).ApiKeysPage, true) },
      { path: "audit", lazy: page(async () => (await import("./Audit")).AuditPage, true) },
    ],
  },
  {
    path: "notifications",
    lazy: page(async () => (await import("./notifications/NotificationsPage")).NotificationsPage),
  },
];

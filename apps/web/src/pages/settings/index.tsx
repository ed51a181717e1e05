// A tenant's settings: organisation, members, invitations, API keys, audit log; notifications
// (the header bell, registered here at module load, and the inbox page).
import type { RouteObject } from "react-router";
import { shellSlots } from "../../layout/AppShell";
import { ApiKeysPage } from "./ApiKeys";
import { AuditPage } from "./Audit";
import { InvitationsPage } from "./Invitations";
import { MembersPage } from "./Members";
import { NotificationsBell } from "./notifications/Bell";
import { NotificationsPage } from "./notifications/NotificationsPage";
import { OrganisationPage } from "./Organisation";
import { AdminOnly, SettingsIndex, SettingsLayout } from "./SettingsLayout";
import "./settings.css";

if (!shellSlots.headerEnd.includes(NotificationsBell)) shellSlots.headerEnd.push(NotificationsBell);

export const settingsRoutes: RouteObject[] = [
  {
    path: "settings",
    element: <SettingsLayout />,
    children: [
      { index: true, element: <SettingsIndex /> },
      {
        path: "organisation",
        element: (
          <AdminOnly>
            <OrganisationPage />
          </AdminOnly>
        ),
      },
      { path: "members", element: <MembersPage /> },
      {
        path: "invitations",
        element: (
          <AdminOnly>
            <InvitationsPage />
          </AdminOnly>
        ),
      },
      {
        path: "api-keys",
        element: (
          <AdminOnly>
            <ApiKeysPage />
          </AdminOnly>
        ),
      },
      {
        path: "audit",
        element: (
          <AdminOnly>
            <AuditPage />
          </AdminOnly>
        ),
      },
    ],
  },
  { path: "notifications", element: <NotificationsPage /> },
];

// A tenant's settings: organisation, members, roles, invitations, API keys, help centre, audit log;
// notifications (the header bell, registered here at module load, and the inbox page). The pages
// load on first visit (their own chunks), so the inbox does not wait for them.
import type { Permission } from "@supportdesk/domain";
import type { RouteObject } from "react-router";
import { shellSlots } from "../../layout/AppShell";
import { NotificationsBell } from "./notifications/Bell";
import "./teams/register";
import {
  RequirePermission,
  SETTINGS_SCREENS,
  SettingsIndex,
  SettingsLayout,
  type SettingsScreen,
} from "./SettingsLayout";
import "./settings.css";

if (!shellSlots.headerEnd.includes(NotificationsBell)) shellSlots.headerEnd.push(NotificationsBell);

type Page = () => React.ReactNode;

/** A route whose page is imported when first visited, shown to those holding `permission`. */
function page(load: () => Promise<Page>, permission?: Permission): RouteObject["lazy"] {
  return async () => {
    const Page = await load();
    return {
      element: permission ? (
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      ) : (
        <Page />
      ),
    };
  };
}

const LOADERS: Record<SettingsScreen, () => Promise<Page>> = {
  organisation: async () => (await import("./Organisation")).OrganisationPage,
  members: async () => (await import("./Members")).MembersPage,
  roles: async () => (await import("./roles/RolesPage")).RolesPage,
  invitations: async () => (await import("./Invitations")).InvitationsPage,
  "api-keys": async () => (await import("./ApiKeys")).ApiKeysPage,
  "help-centre": async () => (await import("./help-centre/HelpCentrePage")).HelpCentrePage,
  email: async () => (await import("./email/EmailPage")).EmailPage,
  "received-mail": async () => (await import("./email/QuarantinePage")).QuarantinePage,
  teams: async () => (await import("./teams/TeamsPage")).TeamsPage,
  "canned-replies": async () => (await import("./macros/MacrosPage")).MacrosPage,
  fields: async () => (await import("./fields/FieldsPage")).FieldsPage,
  "business-hours": async () =>
    (await import("./business-hours/BusinessHoursPage")).BusinessHoursPage,
  sla: async () => (await import("./sla/SlaPoliciesPage")).SlaPoliciesPage,
  automations: async () => (await import("./automations/AutomationsPage")).AutomationsPage,
  csat: async () => (await import("./csat/CsatPage")).CsatPage,
  audit: async () => (await import("./Audit")).AuditPage,
};

export const settingsRoutes: RouteObject[] = [
  {
    path: "settings",
    element: <SettingsLayout />,
    children: [
      { index: true, element: <SettingsIndex /> },
      ...SETTINGS_SCREENS.map((screen) => ({
        path: screen.path,
        lazy: page(LOADERS[screen.path], screen.permission),
      })),
    ],
  },
  {
    path: "notifications",
    lazy: page(async () => (await import("./notifications/NotificationsPage")).NotificationsPage),
  },
];

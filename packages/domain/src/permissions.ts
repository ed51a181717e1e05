// The one permission table: every "may this actor do this here?" names a key of it.

/**
 * Every permission, grouped and described for people (Settings → Roles shows these words).
 * Built-in roles are bundles of these keys; custom roles pick from them. Add a permission here
 * when a feature adds an action, then check it in the service that does the action.
 */
export const PERMISSIONS = {
  "ticket.read": { group: "Tickets", label: "See tickets and their conversations" },
  "ticket.create": { group: "Tickets", label: "Create tickets" },
  "ticket.reply": { group: "Tickets", label: "Reply to customers" },
  "ticket.note": { group: "Tickets", label: "Add internal notes" },
  "ticket.note.read": { group: "Tickets", label: "See internal notes (in tickets and in search)" },
  "ticket.update": { group: "Tickets", label: "Change status, priority and tags" },
  "ticket.assign": { group: "Tickets", label: "Assign tickets to people" },
  "ticket.delete": { group: "Tickets", label: "Delete tickets" },
  "ticket.merge": { group: "Tickets", label: "Merge tickets into one another" },
  "macro.manage": {
    group: "Tickets",
    label:
      "Create and edit the team's shared canned replies (anyone who replies keeps personal ones)",
  },
  "view.manage": {
    group: "Tickets",
    label: "Create and edit the team's shared views (anyone keeps personal ones)",
  },
  "field.manage": { group: "Tickets", label: "Define custom ticket fields" },
  "customer.read": { group: "Customers", label: "See customers" },
  "customer.write": { group: "Customers", label: "Add and edit customers" },
  "customer.merge": {
    group: "Customers",
    label: "Merge customers (their tickets and emails move)",
  },
  "kb.read": { group: "Knowledge base", label: "See knowledge-base articles, drafts included" },
  "kb.write": { group: "Knowledge base", label: "Write and edit articles and categories" },
  "kb.publish": { group: "Knowledge base", label: "Publish, unpublish and archive articles" },
  "helpcentre.manage": { group: "Knowledge base", label: "Set up the public help centre" },
  "member.read": { group: "Team", label: "See the team's members" },
  "member.invite": { group: "Team", label: "Invite people and manage invitations" },
  "member.role.change": { group: "Team", label: "Change members' roles" },
  "member.remove": { group: "Team", label: "Remove members" },
  "role.manage": { group: "Team", label: "Create, edit and delete custom roles" },
  "team.manage": {
    group: "Team",
    label: "Create teams, choose their members and assignment rules",
  },
  "apiKey.manage": { group: "Organisation", label: "Create and revoke API keys" },
  "settings.update": { group: "Organisation", label: "Change the organisation's name and look" },
  "email.manage": {
    group: "Organisation",
    label: "Set up the email channel and handle quarantined mail",
  },
  "audit.read": { group: "Organisation", label: "Read the audit log" },
  "sla.manage": {
    group: "Service levels",
    label: "Set business hours and SLA policies",
  },
  "automation.manage": {
    group: "Service levels",
    label: "Create, order and switch automation rules, and read their runs",
  },
  "csat.manage": { group: "Service levels", label: "Set up satisfaction surveys (CSAT)" },
  "report.read": {
    group: "Service levels",
    label: "See reports (volume, response times, SLA, satisfaction) and export them",
  },
  "tenant.transfer": { group: "Organisation", label: "Transfer ownership (owners only)" },
  "tenant.delete": { group: "Organisation", label: "Delete the organisation (owners only)" },
} as const satisfies Record<string, { group: string; label: string }>;

export type Permission = keyof typeof PERMISSIONS;

/** Every permission key, in the table's order. */
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

/** Powers only the built-in owner holds: no custom role and no API key can be given them. */
export const OWNER_ONLY_PERMISSIONS: ReadonlySet<Permission> = new Set([
  "tenant.transfer",
  "tenant.delete",
]);

/** Permissions a custom role may hold (everything but the owner's own powers). */
export const GRANTABLE_PERMISSIONS: readonly Permission[] = PERMISSION_KEYS.filter(
  (p) => !OWNER_ONLY_PERMISSIONS.has(p),
);

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The built-in roles, most powerful first. */
export const BUILT_IN_ROLES = ["owner", "admin", "member", "viewer"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const VIEWER: Permission[] = [
  "ticket.read",
  "ticket.note.read",
  "customer.read",
  "member.read",
  "kb.read",
];
const MEMBER: Permission[] = [
  ...VIEWER,
  "ticket.create",
  "ticket.reply",
  "ticket.note",
  "ticket.update",
  "ticket.assign",
  "ticket.merge",
  "customer.write",
  "kb.write",
];
const ADMIN: Permission[] = [
  ...MEMBER,
  "ticket.delete",
  "macro.manage",
  "view.manage",
  "field.manage",
  "customer.merge",
  "kb.publish",
  "helpcentre.manage",
  "member.invite",
  "member.role.change",
  "member.remove",
  "role.manage",
  "team.manage",
  "apiKey.manage",
  "settings.update",
  "email.manage",
  "audit.read",
  "sla.manage",
  "automation.manage",
  "csat.manage",
  "report.read",
];

/** What each built-in role may do. */
export const ROLE_PERMISSIONS: Record<BuiltInRole, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSION_KEYS),
  admin: new Set(ADMIN),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

/** Names and one-line descriptions of the built-in roles, for people. */
export const BUILT_IN_ROLE_INFO: Record<BuiltInRole, { name: string; description: string }> = {
  owner: {
    name: "Owner",
    description: "Everything, including transferring and deleting the organisation.",
  },
  admin: {
    name: "Admin",
    description: "Everything but transferring or deleting the organisation.",
  },
  member: { name: "Member", description: "Works tickets and customers." },
  viewer: { name: "Viewer", description: "Reads tickets and customers; changes nothing." },
};

export function isBuiltInRole(value: string): value is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(value);
}

/** Anything that carries a permission set: a request's scope, a grant, a role. */
export type HasPermissions = { permissions: ReadonlySet<Permission> };

/**
 * Whether the holder may do `permission`. The server checks this inside every service that acts
 * for a tenant; the web asks the same question (`useCan`) to hide what would be refused.
 *
 * @example
 * if (can(scope, "ticket.assign")) …
 */
export function can(holder: HasPermissions, permission: Permission): boolean {
  return holder.permissions.has(permission);
}

/** The permissions of `wanted` that `holder` lacks (empty: `wanted` is no more powerful). */
export function missingPermissions(
  holder: HasPermissions,
  wanted: Iterable<Permission>,
): Permission[] {
  return [...wanted].filter((p) => !holder.permissions.has(p));
}

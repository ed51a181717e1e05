// @supportdesk/trpc: tRPC context, procedure builders (public, authed, tenant, role guard), routers and the AppRouter type. The auth/tenancy and queue issues fill this face; nothing is exported yet.
export {};

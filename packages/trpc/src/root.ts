// The application router: every domain router, and the AppRouter type the web app imports.

import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { customersRouter } from "./routers/customers";
import { invitationsRouter } from "./routers/invitations";
import { notificationsRouter } from "./routers/notifications";
import { queuesRouter } from "./routers/queues";
import { tenantsRouter } from "./routers/tenants";
import { ticketsRouter } from "./routers/tickets";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  tenants: tenantsRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  customers: customersRouter,
  tickets: ticketsRouter,
  audit: auditRouter,
  queues: queuesRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: `createCaller(createContextInner(deps, { authorization }))`. */
export const createCaller = createCallerFactory(appRouter);

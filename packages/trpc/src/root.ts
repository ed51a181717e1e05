// The application router: every domain router, and the AppRouter type the web app imports.

import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { apiKeysRouter } from "./routers/api-keys";
import { attachmentsRouter } from "./routers/attachments";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { automationsRouter } from "./routers/automations";
import { businessHoursRouter } from "./routers/business-hours";
import { csatRouter } from "./routers/csat";
import { customersRouter } from "./routers/customers";
import { emailRouter } from "./routers/email";
import { fieldsRouter } from "./routers/fields";
import { helpCentreRouter } from "./routers/help-centre";
import { invitationsRouter } from "./routers/invitations";
import { kbRouter } from "./routers/kb";
import { macrosRouter } from "./routers/macros";
import { notificationsRouter } from "./routers/notifications";
import { queuesRouter } from "./routers/queues";
import { reportsRouter } from "./routers/reports";
import { rolesRouter } from "./routers/roles";
import { searchRouter } from "./routers/search";
import { slaRouter } from "./routers/sla";
import { teamsRouter } from "./routers/teams";
import { tenantsRouter } from "./routers/tenants";
import { ticketsRouter } from "./routers/tickets";
import { viewsRouter } from "./routers/views";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  tenants: tenantsRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  roles: rolesRouter,
  customers: customersRouter,
  kb: kbRouter,
  helpCentre: helpCentreRouter,
  tickets: ticketsRouter,
  search: searchRouter,
  views: viewsRouter,
  macros: macrosRouter,
  fields: fieldsRouter,
  teams: teamsRouter,
  businessHours: businessHoursRouter,
  sla: slaRouter,
  automations: automationsRouter,
  csat: csatRouter,
  reports: reportsRouter,
  attachments: attachmentsRouter,
  email: emailRouter,
  audit: auditRouter,
  queues: queuesRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
/** Every procedure's input type, for clients (the web app types its forms with these). */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's output type, for clients: never retype server data by hand. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls procedures without HTTP: `createCaller(createContextInner(deps, { authorization }))`. */
export const createCaller = createCallerFactory(appRouter);

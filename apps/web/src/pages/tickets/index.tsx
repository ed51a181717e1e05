// The support desk inside a tenant: the tickets inbox, a ticket's thread, customers.
import type { RouteObject } from "react-router";

export const tenantRoutes: RouteObject[] = [];

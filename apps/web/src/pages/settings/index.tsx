// A tenant's settings: organisation, members, invitations, API keys, audit log.
import type { RouteObject } from "react-router";

export const settingsRoutes: RouteObject[] = [];

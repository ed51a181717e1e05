// Sign-up, sign-in, email verification, password reset, invitations, account: the auth area.
import type { RouteObject } from "react-router";
import { Home, RequireSession } from "./session-gate";

export { RequireSession };

/** Pages anyone may open (sign-in, sign-up, links from emails). */
export const publicRoutes: RouteObject[] = [];

/** `/`: lands the user in their default tenant. */
export const rootRoute: RouteObject = { path: "/", element: <Home /> };

/** Signed-in pages outside a tenant (account, creating an organisation). */
export const accountRoutes: RouteObject[] = [];

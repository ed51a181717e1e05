// Sign-up, sign-in, email verification, password reset, invitations, account: the auth area.
// Sign-in and sign-up are in the first chunk; pages reached from emails or menus load on visit.
import type { RouteObject } from "react-router";
import { LoginPage } from "./login";
import { Home, RequireSession } from "./session-gate";
import { SignupPage } from "./signup";

export { RequireSession };

/** Pages anyone may open (sign-in, sign-up, links from emails). */
export const publicRoutes: RouteObject[] = [
  { path: "/signup", element: <SignupPage /> },
  { path: "/login", element: <LoginPage /> },
  {
    path: "/verify-email",
    lazy: async () => ({ Component: (await import("./verify-email")).VerifyEmailPage }),
  },
  {
    path: "/forgot-password",
    lazy: async () => ({ Component: (await import("./password-reset")).ForgotPasswordPage }),
  },
  {
    path: "/reset-password",
    lazy: async () => ({ Component: (await import("./password-reset")).ResetPasswordPage }),
  },
  {
    path: "/invite/:token",
    lazy: async () => ({ Component: (await import("./invite")).InvitePage }),
  },
];

/** `/`: lands the user in their default tenant. */
export const rootRoute: RouteObject = { path: "/", element: <Home /> };

/** Signed-in pages outside a tenant (account, creating an organisation). */
export const accountRoutes: RouteObject[] = [
  {
    path: "/organisations/new",
    lazy: async () => ({
      Component: (await import("./new-organisation")).NewOrganisationPage,
    }),
  },
  { path: "/account", lazy: async () => ({ Component: (await import("./account")).AccountPage }) },
];

// Sign-up, sign-in, email verification, password reset, invitations, account: the auth area.
import type { RouteObject } from "react-router";
import { AccountPage, NewOrganisationPage } from "./account";
import { InvitePage } from "./invite";
import { LoginPage } from "./login";
import { ForgotPasswordPage, ResetPasswordPage } from "./password-reset";
import { Home, RequireSession } from "./session-gate";
import { SignupPage } from "./signup";
import { VerifyEmailPage } from "./verify-email";

export { RequireSession };

/** Pages anyone may open (sign-in, sign-up, links from emails). */
export const publicRoutes: RouteObject[] = [
  { path: "/signup", element: <SignupPage /> },
  { path: "/login", element: <LoginPage /> },
  { path: "/verify-email", element: <VerifyEmailPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
  { path: "/invite/:token", element: <InvitePage /> },
];

/** `/`: lands the user in their default tenant. */
export const rootRoute: RouteObject = { path: "/", element: <Home /> };

/** Signed-in pages outside a tenant (account, creating an organisation). */
export const accountRoutes: RouteObject[] = [
  { path: "/organisations/new", element: <NewOrganisationPage /> },
  { path: "/account", element: <AccountPage /> },
];

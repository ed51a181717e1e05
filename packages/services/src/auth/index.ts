// Accounts and sessions, one file per verb; `@supportdesk/services` exports this as `auth`.
export { requestEmailVerification, verifyEmail } from "./email-verification";
export { login } from "./login";
export { checkResetToken, requestPasswordReset, resetPassword } from "./password-reset";
export { changePassword, me, updateProfile } from "./profile";
export { type RegisterInput, register } from "./register";
export { listSessions, refresh, revokeAllSessions, revokeSession } from "./sessions";
export { type AuthDeps, listMemberships, type SignedIn, type TenantMembership } from "./shared";

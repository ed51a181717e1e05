// @supportdesk/auth-utils: Passwords (Argon2id), access tokens (jose, EdDSA), rotating refresh tokens and API keys. The auth/tenancy and queue issues fill this face; nothing is exported yet.
export {};

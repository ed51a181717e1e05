// @supportdesk/auth-utils: passwords (Argon2id), access tokens (jose, EdDSA), opaque tokens, API keys.
export { generateApiKey, parseApiKey } from "./api-keys";
export { generateOpaqueToken, hashToken, safeEqual } from "./opaque";
export { dummyPasswordHash, hashPassword, PASSWORD_PARAMS, verifyPassword } from "./passwords";
export {
  type AccessTokenClaims,
  createTokenService,
  generateSigningKey,
  loadOrCreateDevKeys,
  parseSigningKeys,
  type SigningJwk,
  TokenConfigError,
  TokenError,
  type TokenService,
  type VerifiedAccessToken,
} from "./tokens";

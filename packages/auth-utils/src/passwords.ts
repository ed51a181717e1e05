// Password hashing: Argon2id with OWASP's minimum parameters, verified with upgrade-on-login.

/**
 * The parameters every new password hash uses: OWASP's Argon2id minimum (19 MiB, 2 passes).
 * Bun.password always uses parallelism 1, which is OWASP's value too, so it is not listed.
 *
 * @example
 * const hash = await Bun.password.hash("s3cret", PASSWORD_PARAMS);
 */
export const PASSWORD_PARAMS: { algorithm: "argon2id"; memoryCost: number; timeCost: number } =
  Object.freeze({ algorithm: "argon2id", memoryCost: 19456, timeCost: 2 });

/**
 * Hashes a password for storage (a PHC string: `$argon2id$v=19$m=19456,t=2,p=1$…`).
 * Throws for an empty password: refusing it is the caller's validation job, and a hash of "" is
 * never what anyone meant to store.
 *
 * @example
 * const passwordHash = await hashPassword(input.password);
 * await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
 */
export async function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, PASSWORD_PARAMS);
}

/**
 * Checks a password against a stored hash. `needsRehash` is true only when the password matched
 * and the hash was made with another algorithm or other parameters (bcrypt, an older Argon2
 * setting): the caller should then store `hashPassword(password)` while it still has the
 * plaintext. A malformed hash gives `{ ok: false, needsRehash: false }`; this never throws.
 *
 * @example
 * const { ok, needsRehash } = await verifyPassword(input.password, user.passwordHash);
 * if (!ok) throw new AppError("INVALID_CREDENTIALS", "Email or password is wrong.");
 * if (needsRehash) await savePasswordHash(user.id, await hashPassword(input.password));
 */
export async function verifyPassword(
  password: string,
  hash: string,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  if (typeof password !== "string" || typeof hash !== "string" || hash === "") {
    return { ok: false, needsRehash: false };
  }
  let ok: boolean;
  try {
    ok = await Bun.password.verify(password, hash);
  } catch {
    // Bun throws on unknown algorithms and bad encodings; a corrupt row must read as "wrong
    // password", not as a 500 that tells the caller something about the account.
    return { ok: false, needsRehash: false };
  }
  return { ok, needsRehash: ok && !usesCurrentParams(hash) };
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random, forgotten password, made once per process with the current parameters.
 * Verifying against it when no user has the given email costs the same time as a real check, so
 * response times do not reveal which emails are registered.
 *
 * @example
 * const user = await findUserByEmail(email);
 * const { ok } = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
 * if (!user || !ok) throw new AppError("INVALID_CREDENTIALS", "Email or password is wrong.");
 */
export function dummyPasswordHash(): Promise<string> {
  if (!dummyHash) {
    const random = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    dummyHash = hashPassword(random).catch((error: unknown) => {
      // Do not cache a failure: the next login should try again rather than fail forever.
      dummyHash = undefined;
      throw error;
    });
  }
  return dummyHash;
}

const ARGON2_HEADER = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/;

function usesCurrentParams(hash: string): boolean {
  const match = ARGON2_HEADER.exec(hash);
  if (!match) return false;
  const [, version, memory, time, parallelism] = match;
  return (
    version === "19" &&
    Number(memory) === PASSWORD_PARAMS.memoryCost &&
    Number(time) === PASSWORD_PARAMS.timeCost &&
    parallelism === "1"
  );
}

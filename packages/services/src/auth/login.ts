// Signing in with email and password.
import { dummyPasswordHash, hashPassword, verifyPassword } from "@supportdesk/auth-utils";
import { eq, users } from "@supportdesk/database";
import type { Actor } from "../context";
import { AppError } from "../errors";
import { type AuthDeps, findUserByEmail, openSession, type SignedIn } from "./shared";

const invalidCredentials = () =>
  new AppError("UNAUTHENTICATED", "Email or password is incorrect.", { field: "password" });

/**
 * Signs in with email and password. An unknown email costs the same time as a wrong password
 * and gets the same answer. Rehashes the password when its parameters are outdated.
 */
export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
  actor: Actor,
): Promise<SignedIn> {
  const user = await findUserByEmail(deps.db.platform, input.email.trim());
  const check = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!user || !check.ok) throw invalidCredentials();
  return deps.db.platform.transaction(async (tx) => {
    if (check.needsRehash) {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.password) })
        .where(eq(users.id, user.id));
    }
    return openSession(deps, tx, user, actor);
  });
}

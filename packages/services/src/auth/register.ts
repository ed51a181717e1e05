// Sign-up: the same answer whether or not the address has an account; its owner is emailed instead.
import { hashPassword } from "@supportdesk/auth-utils";
import { users } from "@supportdesk/database";
import { accountExistsJob, enqueue, verifyEmailJob } from "@supportdesk/queue";
import type { Actor } from "../context";
import { uniqueSlugFor } from "../slugs";
import { assertSlugUsable, openTenant } from "../tenant-create";
import { type AuthDeps, findUserByEmail, issueUserToken, VERIFY_EMAIL_TTL_MS } from "./shared";

export type RegisterInput = {
  email: string;
  password: string;
  name: string;
  language?: string | undefined;
  tenantName?: string | undefined;
  tenantSlug?: string | undefined;
};

/**
 * Signs someone up without saying whether the address already has an account: a new address gets
 * the account (and, with `tenantName`, its tenant with the user as owner) and a verification
 * email whose link signs them in; a registered address gets an email saying so (sign in, or reset
 * the password). The password is hashed either way, so the two take about as long. Nobody is
 * signed in here: that needs the link, proof that the address is theirs.
 *
 * @throws AppError BAD_REQUEST or CONFLICT (field tenantSlug) for an invalid, reserved or taken
 *   subdomain, in both cases alike (a subdomain says nothing about accounts).
 */
export async function register(deps: AuthDeps, input: RegisterInput, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await deps.db.platform.transaction(async (tx) => {
    if (input.tenantSlug) await assertSlugUsable(tx, input.tenantSlug, "tenantSlug");
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        name: input.name.trim(),
        passwordHash,
        language: input.language ?? "en",
      })
      .onConflictDoNothing()
      .returning();
    if (!user) {
      const existing = await findUserByEmail(tx, input.email.trim());
      if (existing) {
        await enqueue(tx, accountExistsJob, {
          userId: existing.id,
          email: existing.email,
          name: existing.name,
        });
      }
      return;
    }
    if (input.tenantName) {
      const slug = input.tenantSlug ?? (await uniqueSlugFor(tx, input.tenantName));
      await openTenant(
        tx,
        { ...actor, userId: user.id },
        { slug, name: input.tenantName },
        { slug: "tenantSlug", name: "tenantName" },
      );
    }
    const token = await issueUserToken(tx, user.id, "verify_email", VERIFY_EMAIL_TTL_MS);
    await enqueue(tx, verifyEmailJob, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
    });
  });
}

// A demo customer link, so `npm run dev` can show a ticket as its customer sees it.
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { ticketLinks } from "./schema";
import { demoUuid } from "./seed";

/**
 * Mints a link to demo ticket `number` of a tenant, as an email to its customer would, so the dev
 * banner can show the customer's view at once. Only the hash is stored (as `hashToken` of
 * @supportdesk/auth-utils makes it). Each run replaces the ticket's links: the newest one printed
 * works, and re-running leaves the same rows behind.
 */
export async function mintDemoLink(
  db: Database,
  tenantId: string,
  slug: string,
  number: number,
): Promise<{ number: number; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const ticketId = demoUuid(`${slug}:ticket:${number}`);
  await db.withTenant(tenantId, async (tx) => {
    await tx.delete(ticketLinks).where(eq(ticketLinks.ticketId, ticketId));
    await tx
      .insert(ticketLinks)
      .values({ ticketId, tokenHash: createHash("sha256").update(token, "utf8").digest("hex") });
  });
  return { number, token };
}

// The bench tenant: a fresh user and tenant (bench-web-…) registered through the API, then its
// tickets created through tickets.create, a few calls in flight, as the app would make them.
import { registerAndSignIn } from "../../apps/web/e2e/accounts.ts";
import { must, type Stack, unique } from "../../apps/web/e2e/harness.ts";

export type WebTenant = {
  email: string;
  name: string;
  slug: string;
  userId: string;
  tenantId: string;
  accessToken: string;
};

export type TicketLoad = {
  created: number;
  seconds: number;
  perSecond: number;
  concurrency: number;
  /** The ticket tickets.list puts first: the inbox's first row must show it. */
  newestSubject: string;
};

type SignedIn = {
  accessToken: string;
  user: { id: string };
  tenants: { id: string; slug: string }[];
};

/** Registers a user with a new tenant named bench-web-… and signs them in (tokens in the body). */
export async function registerTenant(stack: Stack): Promise<WebTenant> {
  const id = unique("");
  const slug = `bench-web-${id}`;
  const email = `bench-web-${id}@example.test`;
  const name = `Bench Web ${id}`;
  const data: SignedIn = await registerAndSignIn(stack, {
    email,
    name,
    tenantName: `bench-web-${id}`,
    tenantSlug: slug,
  });
  const tenant = data.tenants.find((t) => t.slug === slug);
  if (!tenant) throw new Error(`signing in after auth.register found no tenant ${slug}`);
  return {
    email,
    name,
    slug,
    userId: data.user.id,
    tenantId: tenant.id,
    accessToken: data.accessToken,
  };
}

const SUBJECTS = [
  "Cannot sign in",
  "Invoice is wrong",
  "Export fails with an error",
  "Feature request: dark mode",
  "Password reset email never arrives",
  "Slow dashboard",
  "How do I add a teammate?",
  "Refund for a double charge",
];
const PRIORITIES = ["low", "normal", "normal", "high", "urgent"] as const;

/** Creates `count` tickets with `concurrency` tickets.create calls in flight. */
export async function createTickets(
  stack: Stack,
  tenant: WebTenant,
  count: number,
  concurrency: number,
  log: (line: string) => void,
): Promise<TicketLoad> {
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  let lastReport = t0;
  const one = async (i: number) => {
    const answer = await stack.call(
      "mutation",
      "tickets.create",
      {
        subject: `${SUBJECTS[i % SUBJECTS.length]} (${i + 1})`,
        body: `Bench ticket ${i + 1} of ${count}. Thanks for getting back to me; here is what happens.`,
        priority: PRIORITIES[i % PRIORITIES.length],
        // Half assigned, so the rows show both an assignee and "Unassigned".
        ...(i % 2 === 0 ? { assigneeId: tenant.userId } : {}),
        ...(i % 3 === 0 ? { tags: ["billing"] } : {}),
      },
      { token: tenant.accessToken, slug: tenant.slug },
    );
    must(answer, `tickets.create (ticket ${i + 1})`);
  };
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await one(i);
      done++;
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        log(`  ${done}/${count} tickets created`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const seconds = (performance.now() - t0) / 1000;

  type Page = { data: { subject: string }[] };
  const first = must(
    await stack.call<Page>(
      "query",
      "tickets.list",
      { perPage: 1 },
      {
        token: tenant.accessToken,
        slug: tenant.slug,
      },
    ),
    "tickets.list",
  );
  const newestSubject = first.data[0]?.subject;
  if (!newestSubject) throw new Error("tickets.list answered no ticket after creating them");
  return { created: count, seconds, perSecond: count / seconds, concurrency, newestSubject };
}

// Accounts for browser tests: registering and signing in through the API, so a test starts from
// a signed-in browser profile without walking the sign-in page each time.
import { type BrowserContext, must, PASSWORD, type Stack } from "./harness";

/** What `auth.login` (and a verification link) answers, as far as the tests read it. */
export type SignedInAnswer = {
  accessToken: string;
  user: { id: string; email: string };
  tenants: { id: string; slug: string; name: string; role: string }[];
};

/**
 * Registers someone through the API and signs them in with their password. Registration itself
 * signs nobody in (the emailed link does, and some stacks run without a worker); an unverified
 * account may sign in with its password.
 */
export async function registerAndSignIn(
  stack: Pick<Stack, "call">,
  who: { email: string; name: string; password?: string; tenantName?: string; tenantSlug?: string },
): Promise<SignedInAnswer> {
  const { password = PASSWORD, ...rest } = who;
  must(await stack.call("mutation", "auth.register", { ...rest, password }), "auth.register");
  return must(
    await stack.call<SignedInAnswer>("mutation", "auth.login", {
      email: who.email,
      password,
      tokenDelivery: "body",
    }),
    "auth.login",
  );
}

/**
 * Signs a browser profile in without the sign-in page: `auth.login` from inside the page, so the
 * server sets its httpOnly refresh cookie and the app restores the session from it on load.
 */
export async function signInThroughApi(
  context: BrowserContext,
  email: string,
  password = PASSWORD,
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto("/health");
    const status = await page.evaluate(
      async ({ email, password }) => {
        const res = await fetch("/trpc/auth.login", {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password, tokenDelivery: "cookie" }),
        });
        return res.status;
      },
      { email, password },
    );
    if (status !== 200) throw new Error(`auth.login from the browser answered ${status}`);
  } finally {
    await page.close();
  }
}

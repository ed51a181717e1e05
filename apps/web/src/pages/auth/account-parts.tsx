// What the signed-in pages outside a tenant share: the way home, a sign-out link, a section card.
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { clearSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../../lib/use-session";

/** Where "back" goes from these pages: the default tenant, else home. */
export function useHomeHref(): string {
  const session = useSession();
  const tenant =
    session?.tenants.find((t) => t.id === session.defaultTenantId) ?? session?.tenants[0];
  return tenant ? `/t/${tenant.slug}/tickets` : "/organisations/new";
}

export function SignOutLink() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        clearSession();
        navigate("/login");
      },
    }),
  );
  return (
    <button type="button" className="link" onClick={() => logout.mutate()}>
      Sign out
    </button>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section className="card account-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

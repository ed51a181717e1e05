// A visible warning on a ticket whose customer's address bounces: mail to them last failed, and why
// (`customers.get`, shared with the sidebar's customer, so asked once).
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { bounceNotice } from "./email-format";

export function BounceNote({ customerId }: { customerId: string | null }) {
  const trpc = useTRPC();
  const customer = useQuery({
    ...trpc.customers.get.queryOptions({ id: customerId ?? "" }),
    enabled: Boolean(customerId),
  });
  const notice = customer.data ? bounceNotice(customer.data) : null;
  if (!notice) return null;
  return (
    <span className="bounce-note">
      <strong>Bouncing address.</strong> {notice}
    </span>
  );
}

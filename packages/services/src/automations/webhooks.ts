// Outgoing webhooks of automation rules, behind an interface: the default only records what would
// be delivered (signed delivery comes with the integrations work); tests pass their own sender.

/** What a rule's webhook action hands to the sender. */
export type WebhookDelivery = {
  url: string;
  tenantId: string;
  ruleId: string;
  ticketId: string;
  payload: Record<string, unknown>;
};

/** Delivers a rule's webhook; the status it returns is recorded in the run's actions. */
export interface WebhookSender {
  deliver(delivery: WebhookDelivery): Promise<{ status: string }>;
}

/** The default sender: sends nothing, and says so in the run log. */
export const stubWebhookSender: WebhookSender = {
  async deliver() {
    return { status: "stubbed: signed delivery comes with the integrations work" };
  },
};

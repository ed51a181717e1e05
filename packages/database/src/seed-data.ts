// Static content of the demo seed: tenants, agents, customers and each product's support topics.
import type { TenantRole, tenantPlan, tenantStatus, ticketPriority } from "./schema";

/** The one password of every demo login (printed by `bun run dev`; never use it anywhere real). */
export const DEMO_PASSWORD = "supportdesk-demo";

/** A membership: a built-in role, or "custom" with the key of one of `DEMO_ROLES`. */
export type DemoMembershipSpec =
  | { tenant: string; role: Exclude<TenantRole, "custom"> }
  | { tenant: string; role: "custom"; customRole: string };

export type DemoUserSpec = {
  email: string;
  name: string;
  roles: DemoMembershipSpec[];
};

export type DemoRoleSpec = {
  tenant: string;
  key: string;
  name: string;
  description: string;
  /** Keys of the permission table in `@supportdesk/domain` (checked by the seed test). */
  permissions: string[];
};

/** Custom roles, so the demo shows one at work: Erin triages acme's queue but does not reply. */
export const DEMO_ROLES: readonly DemoRoleSpec[] = [
  {
    tenant: "acme",
    key: "triage",
    name: "Triage",
    description: "Sorts, prioritises and assigns incoming tickets; leaves notes, does not reply.",
    permissions: [
      "ticket.read",
      "ticket.update",
      "ticket.assign",
      "ticket.note",
      "customer.read",
      "member.read",
    ],
  },
  {
    tenant: "globex",
    key: "supervisor",
    name: "Supervisor",
    description: "Works tickets and reads the audit log, without managing the team.",
    permissions: [
      "ticket.read",
      "ticket.create",
      "ticket.reply",
      "ticket.note",
      "ticket.update",
      "ticket.assign",
      "customer.read",
      "customer.write",
      "member.read",
      "audit.read",
    ],
  },
];

/**
 * Agents and admins on `example.com` (reserved for documentation, so no mail reaches a person).
 * Alice and Carol belong to two tenants with different roles; Dave is acme's read-only viewer;
 * Erin (acme) and Heidi (globex) hold custom roles.
 */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  {
    email: "alice@example.com",
    name: "Alice Nguyen",
    roles: [
      { tenant: "acme", role: "owner" },
      { tenant: "globex", role: "admin" },
    ],
  },
  { email: "bob@example.com", name: "Bob Martinez", roles: [{ tenant: "acme", role: "admin" }] },
  {
    email: "carol@example.com",
    name: "Carol Okafor",
    roles: [
      { tenant: "acme", role: "member" },
      { tenant: "initech", role: "member" },
    ],
  },
  { email: "dave@example.com", name: "Dave Kowalski", roles: [{ tenant: "acme", role: "viewer" }] },
  {
    email: "erin@example.com",
    name: "Erin Fischer",
    roles: [{ tenant: "acme", role: "custom", customRole: "triage" }],
  },
  {
    email: "grace@example.com",
    name: "Grace Lindqvist",
    roles: [{ tenant: "globex", role: "owner" }],
  },
  {
    email: "heidi@example.com",
    name: "Heidi Moreau",
    roles: [{ tenant: "globex", role: "custom", customRole: "supervisor" }],
  },
  {
    email: "frank@example.com",
    name: "Frank Miller",
    roles: [{ tenant: "globex", role: "viewer" }],
  },
  { email: "ivan@example.com", name: "Ivan Petrov", roles: [{ tenant: "initech", role: "owner" }] },
  { email: "judy@example.com", name: "Judy Tanaka", roles: [{ tenant: "initech", role: "admin" }] },
];

export type CustomerSpec = { name: string; email: string; company: string | null };

export type Priority = (typeof ticketPriority.enumValues)[number];

/**
 * One recurring support question. Texts may use `{first}` (the customer's first name), `{agent}`
 * (the agent's first name) and the tenant's `vocabulary` and `references` keys.
 */
export type TopicSpec = {
  subject: string;
  tags: string[];
  /** The priority this kind of ticket usually gets; the seed varies it now and then. */
  priority: Priority;
  /** The customer's first message. */
  opening: string;
  /** The agent's first answer: usually a question or a first step. */
  reply: string;
  /** The customer's answer to `reply`. */
  followUp: string;
  /** The agent's message that solves it, answering `followUp`. */
  resolution: string;
  /** An internal note between agents with what they found, written just before `resolution`. */
  note: string;
};

export type DemoTenantSpec = {
  slug: string;
  name: string;
  plan: (typeof tenantPlan.enumValues)[number];
  status: (typeof tenantStatus.enumValues)[number];
  primaryColor: string;
  customers: CustomerSpec[];
  topics: TopicSpec[];
  /** Words a topic's placeholders pick from, one pick per ticket. */
  vocabulary: Record<string, readonly string[]>;
  /** Placeholders that become a reference number with this prefix, such as `#AC-48213`. */
  references: Record<string, string>;
  /** Tags now and then added to a ticket on top of its topic's. */
  extraTags: readonly string[];
};

const acme: DemoTenantSpec = {
  slug: "acme",
  name: "Acme Outfitters",
  plan: "pro",
  status: "active",
  primaryColor: "#e4572e",
  customers: [
    { name: "Maria Garcia", email: "maria.garcia@example.net", company: null },
    { name: "James Wilson", email: "jwilson@example.org", company: null },
    { name: "Priya Patel", email: "priya.patel@example.net", company: null },
    { name: "Sofia Rossi", email: "sofia.rossi@example.org", company: null },
    { name: "Liam O'Brien", email: "liam.obrien@example.net", company: null },
    { name: "Aisha Bello", email: "aisha.bello@example.org", company: null },
    { name: "Kenji Watanabe", email: "kenji.w@example.net", company: null },
    { name: "Emma Johansson", email: "emma.johansson@example.org", company: null },
    {
      name: "Lucas Silva",
      email: "lucas@ridgeline-tours.example",
      company: "Ridgeline Adventure Tours",
    },
    { name: "Chloe Martin", email: "chloe.martin@example.net", company: null },
    { name: "Noah Schneider", email: "noah.schneider@example.org", company: null },
    { name: "Olivia Brown", email: "olivia.brown@example.net", company: null },
    { name: "Mateo Hernández", email: "mateo.hernandez@example.org", company: null },
    { name: "Hannah Schmidt", email: "h.schmidt@alpineclub.example", company: "Alpine Club Bern" },
    { name: "Daniel Cohen", email: "daniel.cohen@example.net", company: null },
  ],
  vocabulary: {
    product: [
      "pair of trail running shoes",
      "down jacket",
      "2-person tent",
      "hiking backpack",
      "rain shell",
      "merino base layer",
      "camping stove",
      "sleeping bag",
    ],
    garment: ["down jacket", "rain shell", "fleece jacket", "softshell jacket", "insulated vest"],
    carrier: ["UPS", "FedEx", "USPS", "DHL"],
  },
  references: { order: "#AC-", rma: "RMA-" },
  extraTags: ["repeat-customer", "vip", "social-media"],
  topics: [
    {
      subject: "Where is my order {order}?",
      tags: ["shipping", "order-status"],
      priority: "normal",
      opening:
        "Hi, I ordered a {product} last week (order {order}) and the tracking page hasn't moved in four days. Can you tell me where it is?",
      reply:
        "Hi {first}, thanks for reaching out. Order {order} left our warehouse on time and is with {carrier}. Could you confirm the shipping address on the order is still correct?",
      followUp:
        "Yes, the address is right. It's just odd that there has been no update for so long.",
      resolution:
        "Hi {first}, {carrier} confirmed the parcel was held up at their sorting hub; it is out for delivery today. I've refunded the shipping fee on {order} for the wait.",
      note: "{carrier} hub delays all week. Check their status page before promising a date.",
    },
    {
      subject: "Package marked as delivered but never arrived",
      tags: ["shipping", "carrier-claim"],
      priority: "high",
      opening:
        "The tracking for {order} says delivered yesterday at 2pm, but there is nothing at my door and my neighbours haven't seen it either.",
      reply:
        "I'm sorry, {first}. Sometimes {carrier} scans a parcel as delivered a day early. Could you check around the building (mailroom, back door) and let us know by tomorrow?",
      followUp: "I checked everywhere, including the mailroom. It's definitely not here.",
      resolution:
        "Thanks for checking, {first}. I've opened a claim with {carrier} and shipped a replacement {product} by express; you'll get a new tracking number by email today.",
      note: "Third 'delivered, not received' from this postcode this month. Flagged to logistics.",
    },
    {
      subject: "Wrong size sent for order {order}",
      tags: ["exchange", "fulfillment-error"],
      priority: "normal",
      opening:
        "I ordered a {garment} in medium but the one in the box is a large. Can I swap it for the right size?",
      reply:
        "Sorry about the mix-up, {first}! Could you send a photo of the label on the item so I can report it to the warehouse?",
      followUp: "Sure, photo attached. The label says L, the packing slip says M.",
      resolution:
        "Thanks {first}. A medium is on its way at no charge, and I've emailed you a prepaid label ({rma}) to send the large back whenever suits you.",
      note: "Picking error confirmed on the photo. Logged against the warehouse batch.",
    },
    {
      subject: "How do I return a {product}?",
      tags: ["returns"],
      priority: "low",
      opening:
        "I bought a {product} but it isn't what I expected. It's unused with the tags still on. How do I return it?",
      reply:
        "Hi {first}, you're well within our 30-day window. Would you like a refund to your card or store credit?",
      followUp: "A refund to my card, please.",
      resolution:
        "Done! Your return is {rma}. I've emailed a prepaid {carrier} label; the refund goes out as soon as the parcel is scanned at our warehouse.",
      note: "Customer has returned twice this year; both fine. No action needed.",
    },
    {
      subject: "Refund not received for return {rma}",
      tags: ["returns", "refund"],
      priority: "high",
      opening:
        "I sent back my {product} two weeks ago (return {rma}) and still haven't seen the refund on my card.",
      reply:
        "Hi {first}, I can see {rma} arrived at our warehouse. Could you tell me the last four digits of the card you paid with so I can trace the refund?",
      followUp: "It ends in 4417.",
      resolution:
        "Thanks {first}. The refund was issued yesterday; banks usually take 3 to 5 business days to show it. I've attached the refund confirmation for your records.",
      note: "Refund was stuck in the payment provider's retry queue. Pushed it manually.",
    },
    {
      subject: "Damaged {garment} in order {order}",
      tags: ["damaged", "shipping"],
      priority: "high",
      opening:
        "My {garment} arrived today and the box was crushed. The item itself is torn along one side. Order {order}.",
      reply:
        "That's not the experience we want for you, {first}. Could you send a couple of photos of the box and the damage?",
      followUp: "Photos attached. You can see the tear near the zipper.",
      resolution:
        "Thanks for the photos, {first}. A replacement {garment} ships today by express, and there's no need to send the damaged one back.",
      note: "Damage claim filed with {carrier} using the customer's photos.",
    },
    {
      subject: "Change shipping address on {order}",
      tags: ["order-change", "shipping"],
      priority: "normal",
      opening:
        "I just placed order {order} and realised it's going to my old flat. Can you change the address before it ships?",
      reply:
        "Hi {first}, it hasn't left the warehouse yet, so we can still change it. What's the new address?",
      followUp: "It's 14 Linden Street, Apartment 3B. Same city and postcode as before.",
      resolution:
        "All set, {first}: {order} will go to 14 Linden Street, Apt 3B. You'll get tracking from {carrier} once it ships.",
      note: "Address changed in the warehouse system before picking. Double-check the label.",
    },
    {
      subject: "Charged twice for order {order}",
      tags: ["billing", "payment"],
      priority: "urgent",
      opening:
        "My bank statement shows two identical charges for order {order}. I only placed one order.",
      reply:
        "Sorry for the worry, {first}. Is one of the charges still marked as pending on your statement?",
      followUp: "Yes, the second one says pending.",
      resolution:
        "That pending charge is an authorisation hold from a payment retry; it will drop off within 5 days and you won't be billed twice. I've also voided it on our side.",
      note: "Payment provider double-authorised after a timeout. Known issue, voided.",
    },
    {
      subject: "Discount code not working at checkout",
      tags: ["checkout", "promo"],
      priority: "low",
      opening:
        "I'm trying to use the code from your newsletter but checkout says it's invalid. I'm buying a {product}.",
      reply:
        "Hi {first}, that code excludes a few brands. Could you tell me the exact code you're entering?",
      followUp: "It's TRAIL15, from last Friday's email.",
      resolution:
        "Thanks {first}. TRAIL15 should have covered that item; it was a setup mistake on our side. I've applied the 15% to your order by hand.",
      note: "Marketing set TRAIL15 to exclude the whole outerwear category by mistake. Reported.",
    },
    {
      subject: "Cancel order {order}",
      tags: ["cancellation"],
      priority: "normal",
      opening: "I ordered the wrong colour. Can you cancel order {order} so I can place a new one?",
      reply:
        "Hi {first}, I'm checking with the warehouse whether it has been packed yet. Would you like me to change the colour instead of cancelling?",
      followUp: "Changing the colour would be great. Green instead of grey, please.",
      resolution:
        "Done, {first}: {order} now has the green one, same price, shipping on the original date.",
      note: "Caught it before picking. No restocking needed.",
    },
    {
      subject: "Customs fees on delivery to Canada",
      tags: ["shipping", "international"],
      priority: "normal",
      opening:
        "{carrier} is asking me to pay $38 in duties before they'll deliver my {product}. Your site said duties were included?",
      reply:
        "Hi {first}, orders to Canada should ship duties-paid. Could you forward us the notice from {carrier}?",
      followUp: "Forwarded the notice just now.",
      resolution:
        "Thanks {first}. The parcel was labelled as duties-unpaid by mistake. Please go ahead and pay; I've refunded the $38 to your card.",
      note: "Check the international shipping profile: DDP flag missing on some SKUs.",
    },
    {
      subject: "When will the {garment} be back in stock?",
      tags: ["stock", "pre-sales"],
      priority: "low",
      opening:
        "The {garment} has been out of stock in my size for weeks. Do you know when it's coming back?",
      reply:
        "Hi {first}, which size and colour are you after? I'll check the incoming shipments for you.",
      followUp: "A medium, in dark blue.",
      resolution:
        "Good news, {first}: a restock lands on the 20th. I've added you to the back-in-stock email so you'll hear the moment it's live.",
      note: "Purchasing says restock ETA is the 20th, but treat it as an estimate.",
    },
    {
      subject: "Item missing from order {order}",
      tags: ["fulfillment-error"],
      priority: "normal",
      opening:
        "My order {order} arrived but the {product} isn't in the box. Everything else is there.",
      reply:
        "Sorry about that, {first}! Sometimes orders ship in two parcels. Did you receive a second tracking email?",
      followUp: "No, only one tracking number and one box.",
      resolution:
        "Thanks for confirming, {first}. The {product} was left off the packing list; it has shipped separately and should arrive in 2 to 3 days.",
      note: "Packing list printed before the item was allocated. Warehouse informed.",
    },
    {
      subject: "Can't log in to track my orders",
      tags: ["account"],
      priority: "normal",
      opening:
        "I keep getting 'invalid password' even after resetting it twice. I just want to check my order status.",
      reply: "Hi {first}, are you signing in with the same email address you used at checkout?",
      followUp: "Ah, I might have used my work email for the order.",
      resolution:
        "That was it, {first}: the order is under your work email. I've merged the two accounts so all your orders now show in one place.",
      note: "Merged duplicate accounts after verifying both emails.",
    },
    {
      subject: "Express shipping didn't arrive on time",
      tags: ["shipping", "refund"],
      priority: "normal",
      opening:
        "I paid extra for express delivery on {order} for a trip this weekend and it's now a day late.",
      reply:
        "I'm sorry, {first}. I've asked {carrier} for an updated delivery date. When do you leave for your trip?",
      followUp: "Saturday morning, so it needs to arrive Friday at the latest.",
      resolution:
        "{carrier} confirms delivery on Friday before noon. I've refunded the express shipping charge since it didn't arrive when promised.",
      note: "Express SLA missed. Refund the express fee, as the policy says.",
    },
    {
      subject: "Gift receipt for order {order}",
      tags: ["order-change", "gift"],
      priority: "low",
      opening:
        "Order {order} is a birthday present. Can you make sure the prices aren't on the packing slip?",
      reply: "Happy to help, {first}! Would you also like us to add a gift message to the parcel?",
      followUp: "Yes please: 'Happy birthday, see you on the trail! Love, M.'",
      resolution:
        "All done, {first}: a gift receipt without prices and your message are in the parcel.",
      note: "Gift flag set manually; the checkout option was missed.",
    },
  ],
};

const globex: DemoTenantSpec = {
  slug: "globex",
  name: "Globex Analytics",
  plan: "enterprise",
  status: "active",
  primaryColor: "#3a86ff",
  customers: [
    { name: "Rachel Kim", email: "rachel.kim@northwind.example", company: "Northwind Traders" },
    { name: "Daniel Osei", email: "daniel.osei@brightleaf.example", company: "Brightleaf Foods" },
    {
      name: "Elena Popescu",
      email: "elena.popescu@vandelay.example",
      company: "Vandelay Industries",
    },
    { name: "Marcus Reed", email: "marcus.reed@cobaltfreight.example", company: "Cobalt Freight" },
    { name: "Yuki Sato", email: "yuki.sato@helixbio.example", company: "Helix Biotech" },
    { name: "Fatima Zahra", email: "fatima.zahra@meridianbank.example", company: "Meridian Bank" },
    { name: "Oliver Grant", email: "oliver.grant@bluewave.example", company: "Bluewave Media" },
    { name: "Ana Costa", email: "ana.costa@sunrisehotels.example", company: "Sunrise Hotels" },
    { name: "Ben Carter", email: "ben.carter@northwind.example", company: "Northwind Traders" },
    { name: "Leila Haddad", email: "leila.haddad@pinecrest.example", company: "Pinecrest Health" },
    { name: "Nikolai Ivanov", email: "n.ivanov@cobaltfreight.example", company: "Cobalt Freight" },
    { name: "Samantha Lee", email: "sam.lee@oakridge.example", company: "Oakridge Retail" },
    { name: "Diego Morales", email: "diego.morales@helixbio.example", company: "Helix Biotech" },
    {
      name: "Ingrid Larsen",
      email: "ingrid.larsen@meridianbank.example",
      company: "Meridian Bank",
    },
    { name: "Kwame Mensah", email: "kwame.mensah@bluewave.example", company: "Bluewave Media" },
  ],
  vocabulary: {
    dashboard: [
      "Revenue Overview",
      "Weekly Active Users",
      "Churn Cohorts",
      "Marketing Funnel",
      "Sales Pipeline",
    ],
    integration: ["Salesforce", "Snowflake", "BigQuery", "HubSpot", "Stripe", "PostgreSQL"],
  },
  references: { invoice: "INV-", job: "job-" },
  extraTags: ["enterprise-account", "churn-risk", "renewal"],
  topics: [
    {
      subject: "{integration} sync failing since yesterday",
      tags: ["integrations", "data-sync"],
      priority: "high",
      opening:
        "Our {integration} connector has shown 'sync failed' since yesterday afternoon, and the {dashboard} dashboard is now a day behind.",
      reply:
        "Hi {first}, thanks for flagging this. Did anyone rotate the {integration} credentials or change the service account's permissions recently?",
      followUp: "Our admin rotated the API token yesterday morning. Could that be it?",
      resolution:
        "That's it, {first}. The connector still had the old token. Once you paste the new one under Settings → Integrations → {integration}, a backfill of the missed day starts by itself.",
      note: "Sync logs show 401s from {integration} starting yesterday 13:02 UTC ({job}).",
    },
    {
      subject: "{dashboard} numbers don't match {integration}",
      tags: ["data-quality"],
      priority: "normal",
      opening:
        "Last month's total on the {dashboard} dashboard is about 4% lower than what {integration} reports. Which one is right?",
      reply:
        "Hi {first}, usually this comes down to filters or timezones. Which timezone is your workspace set to, and does the dashboard have any saved filters?",
      followUp: "Workspace is UTC. There's a filter excluding test accounts.",
      resolution:
        "Thanks {first}. The gap is the excluded test accounts plus refunds, which {integration} counts in the month of the original charge. I've added a note to the dashboard explaining the definition.",
      note: "Customer's numbers are consistent once refunds are attributed the same way.",
    },
    {
      subject: "Scheduled report emails not arriving",
      tags: ["reports", "email"],
      priority: "normal",
      opening:
        "The weekly {dashboard} report used to land in our inbox every Monday at 8am. It didn't arrive the last two weeks.",
      reply:
        "Hi {first}, our logs show the report was sent. Could you check whether your mail gateway quarantined it?",
      followUp: "IT found them in quarantine; their new filter flagged the PDF attachment.",
      resolution:
        "Great find, {first}. If IT allow-lists reports@globex.example the PDFs will come through; you can also switch the schedule to send a link instead of an attachment.",
      note: "Delivered per our mail provider, with 250 OK from their gateway both weeks.",
    },
    {
      subject: "Add 10 seats to our subscription",
      tags: ["billing", "seats"],
      priority: "normal",
      opening:
        "We're onboarding a new analytics team next month and need 10 more seats. Can we add them mid-term?",
      reply:
        "Absolutely, {first}. Should the new seats start now (prorated) or from the first of next month?",
      followUp: "From the first of next month, please.",
      resolution:
        "Done, {first}: 10 seats added from the 1st, prorated on your next invoice. Invites can go out from Settings → Members whenever the team is ready.",
      note: "Seat change approved by account management. Prorate from the 1st.",
    },
    {
      subject: "Invoice {invoice} has the wrong VAT number",
      tags: ["billing", "invoice"],
      priority: "normal",
      opening:
        "Our finance team can't book invoice {invoice}: the VAT number on it is our old one. Could you reissue it?",
      reply:
        "Hi {first}, happy to. Could you send us the correct VAT number and the legal entity name it belongs to?",
      followUp: "New VAT number is in the attached letter, entity name unchanged.",
      resolution:
        "Thanks {first}. {invoice} has been reissued with the new VAT number and the billing profile is updated for future invoices.",
      note: "Billing profile updated; reissued {invoice} as a credit note plus a new invoice.",
    },
    {
      subject: "SSO login with Okta returns an error",
      tags: ["sso", "authentication"],
      priority: "urgent",
      opening:
        "Since this morning everyone who signs in through Okta sees 'SAML response invalid'. Password login still works for admins.",
      reply:
        "Hi {first}, that usually means the signing certificate changed. Did your Okta admin rotate the certificate recently?",
      followUp: "They did, last night, as part of a scheduled rotation.",
      resolution:
        "That explains it, {first}. Upload the new certificate under Settings → Security → SSO, or send us the new metadata URL and we'll apply it right away.",
      note: "Certificate fingerprint in the SAML response differs from the one we store.",
    },
    {
      subject: "API returns 429 errors for our ETL job",
      tags: ["api", "rate-limit"],
      priority: "normal",
      opening:
        "Our nightly ETL ({job}) started failing with HTTP 429 from your export API. Nothing changed on our side.",
      reply:
        "Hi {first}, you're hitting the 600 requests per minute limit. Is the job requesting pages in parallel?",
      followUp: "Yes, 20 workers in parallel since we scaled the cluster.",
      resolution:
        "Thanks {first}. Dropping to 8 workers, or using the bulk export endpoint, will stay under the limit. Retry-After headers tell the job exactly how long to wait.",
      note: "Their API key peaks at ~1,900 rpm around 02:00 UTC.",
    },
    {
      subject: "How do we export raw event data to S3?",
      tags: ["export", "how-to"],
      priority: "low",
      opening:
        "We'd like a daily dump of raw events into our own S3 bucket for the data science team. Is that possible?",
      reply:
        "It is, {first}! Which region is the bucket in, and would you prefer Parquet or gzipped JSON?",
      followUp: "eu-west-1, and Parquet please.",
      resolution:
        "Here's the guide: create a bucket policy granting our export role write access, then enable Settings → Data export → S3. Parquet files land daily at 03:00 UTC.",
      note: "Enterprise plan includes S3 export, no upsell needed.",
    },
    {
      subject: "{dashboard} dashboard is very slow to load",
      tags: ["performance"],
      priority: "normal",
      opening:
        "The {dashboard} dashboard now takes over 40 seconds to load. It used to be instant.",
      reply:
        "Hi {first}, could you tell us which date range you're looking at and how many charts are on the dashboard?",
      followUp: "Last 12 months, 18 charts.",
      resolution:
        "Thanks {first}. Three of the charts were querying raw events without pre-aggregation. We switched them to the daily rollup, and the dashboard now loads in about 3 seconds.",
      note: "Slow query log: three charts scanning raw events for 12 months.",
    },
    {
      subject: "Feature request: custom fiscal year in date filters",
      tags: ["feature-request"],
      priority: "low",
      opening:
        "Our fiscal year starts in April. It would help a lot if 'this year' and quarter filters followed it.",
      reply:
        "Thanks for the suggestion, {first}. Would you need it per workspace or per dashboard?",
      followUp: "Per workspace is fine; the whole company uses the same fiscal year.",
      resolution:
        "Good news, {first}: fiscal year settings are now available under Settings → Workspace → Calendar. Quarter filters follow it automatically.",
      note: "Linked to the product board item for fiscal calendars (14 votes).",
    },
    {
      subject: "Remove a former employee's access",
      tags: ["users", "security"],
      priority: "high",
      opening:
        "One of our analysts left the company yesterday. Can you confirm her access is fully removed, including API keys?",
      reply:
        "Hi {first}, could you confirm her email address so we can check her sessions and API keys?",
      followUp: "It's j.doe at our company domain.",
      resolution:
        "Done, {first}: the account is deactivated, its two API keys are revoked and all sessions are signed out. Her dashboards now belong to you.",
      note: "Revoked two API keys; ownership of 6 dashboards moved to the requester.",
    },
    {
      subject: "Timezone mismatch in {dashboard} charts",
      tags: ["data-quality", "timezones"],
      priority: "normal",
      opening:
        "Daily totals in the {dashboard} charts seem to cut off at 7pm our time instead of midnight.",
      reply: "Hi {first}, which timezone are you in, and which one is set on the workspace?",
      followUp: "We're in New York; I'm not sure what the workspace uses.",
      resolution:
        "Found it, {first}: the workspace was set to UTC. I've switched it to America/New_York, and day boundaries now fall at your midnight.",
      note: "Workspace timezone was UTC since creation.",
    },
    {
      subject: "Security questionnaire and DPA for procurement",
      tags: ["security", "compliance"],
      priority: "normal",
      opening:
        "Our procurement team needs a completed security questionnaire and a signed DPA before the renewal.",
      reply:
        "Hi {first}, happy to help. Do you have your own questionnaire, or would our standard SOC 2 package work?",
      followUp: "The SOC 2 report plus our own 40-question sheet, attached.",
      resolution:
        "Here you go, {first}: the completed questionnaire, our SOC 2 Type II report and the countersigned DPA are attached.",
      note: "Security team reviewed answers; DPA countersigned by legal.",
    },
    {
      subject: "Webhook deliveries failing with 401",
      tags: ["api", "webhooks"],
      priority: "high",
      opening:
        "Our webhook endpoint started rejecting your deliveries with 401, so alerts aren't reaching our on-call channel.",
      reply:
        "Hi {first}, our deliveries are signed with the secret shown in Settings → Webhooks. Did the secret change on your side?",
      followUp: "We redeployed the receiver and it seems to have lost the secret.",
      resolution:
        "That's it, {first}. Once the receiver has the secret again, use 'Redeliver failed' and the missed events will be sent again in order.",
      note: "47 failed deliveries queued for redelivery.",
    },
    {
      subject: "Duplicate events after reconnecting {integration}",
      tags: ["data-sync", "data-quality"],
      priority: "high",
      opening:
        "We reconnected {integration} on Friday and now some charts show double the usual volume for last week.",
      reply:
        "Hi {first}, reconnecting can replay a window of events. Did you reconnect with the same account or a new one?",
      followUp: "A new service account, because the old one was disabled.",
      resolution:
        "Thanks {first}. We've removed the duplicated window (Friday back to the previous Monday); the charts are correct again, and we've fixed the dedupe for new accounts.",
      note: "Dedupe key included the account id, so a new account replayed history. Bug filed.",
    },
    {
      subject: "Upgrade question: pricing for more workspaces",
      tags: ["billing", "sales"],
      priority: "low",
      opening:
        "We'd like separate workspaces for our EU and US teams. How does that affect our pricing?",
      reply:
        "Hi {first}, great to hear you're growing! Roughly how many users would be in each workspace?",
      followUp: "About 25 in the EU and 40 in the US.",
      resolution:
        "Thanks {first}. On your Enterprise plan additional workspaces are included; seats are pooled across them. I've created the EU workspace for you.",
      note: "Looped in account manager for the renewal conversation.",
    },
  ],
};

const initech: DemoTenantSpec = {
  slug: "initech",
  name: "Initech IT",
  plan: "free",
  status: "trial",
  primaryColor: "#2a9d8f",
  customers: [
    { name: "Laura Bennett", email: "laura.bennett@initech.example", company: "Initech" },
    { name: "Raj Mehta", email: "raj.mehta@initech.example", company: "Initech" },
    { name: "Karen Walsh", email: "karen.walsh@initech.example", company: "Initech" },
    { name: "Steven Park", email: "steven.park@initech.example", company: "Initech" },
    { name: "Nadia Ali", email: "nadia.ali@initech.example", company: "Initech" },
    { name: "Chris Doyle", email: "chris.doyle@initech.example", company: "Initech" },
    { name: "Monica Reyes", email: "monica.reyes@initech.example", company: "Initech" },
    { name: "Tyler Brooks", email: "tyler.brooks@initech.example", company: "Initech" },
    { name: "Mei Lin", email: "mei.lin@initech.example", company: "Initech" },
    { name: "Patrick Murphy", email: "patrick.murphy@initech.example", company: "Initech" },
    { name: "Zoe Adams", email: "zoe.adams@initech.example", company: "Initech" },
    { name: "Omar Farouk", email: "omar.farouk@initech.example", company: "Initech" },
    { name: "Jessica Nolan", email: "jessica.nolan@initech.example", company: "Initech" },
    { name: "Victor Alvarez", email: "victor.alvarez@initech.example", company: "Initech" },
    { name: "Rebecca Stone", email: "rebecca.stone@initech.example", company: "Initech" },
  ],
  vocabulary: {
    app: ["Outlook", "Teams", "Jira", "SAP", "Zoom", "Salesforce"],
    software: ["Visio", "Adobe Acrobat Pro", "Tableau Desktop", "Microsoft Project", "Snagit"],
    room: ["Sycamore", "Birch", "Aspen", "4B", "Main Boardroom"],
    device: ["ThinkPad T14", "MacBook Pro", "Dell Latitude 5440"],
  },
  references: { asset: "IT-" },
  extraTags: ["remote", "exec", "hardware-refresh"],
  topics: [
    {
      subject: "Can't connect to the VPN from home",
      tags: ["vpn", "network"],
      priority: "high",
      opening:
        "The VPN client says 'authentication failed' every time I try to connect from home. It worked on Friday.",
      reply:
        "Hi {first}, did your password expire over the weekend? The VPN uses the same one as your Windows login.",
      followUp: "I did change my password this morning when it asked me to.",
      resolution:
        "That's the cause, {first}: the VPN client cached the old password. Remove the saved credentials in the client and sign in with the new password; you should connect straight away.",
      note: "VPN logs show repeated failures with the cached credential.",
    },
    {
      subject: "Locked out of {app}",
      tags: ["account", "password"],
      priority: "normal",
      opening: "I'm locked out of {app} after too many attempts. Can someone unlock my account?",
      reply: "Hi {first}, I can unlock it. To verify it's you, could you confirm your employee ID?",
      followUp: "Employee ID is 20417.",
      resolution:
        "Thanks {first}. Your {app} account is unlocked and a reset link is on its way to your inbox. It expires in an hour.",
      note: "Identity verified via employee ID and manager on file.",
    },
    {
      subject: "Printer on 2nd floor says PC LOAD LETTER",
      tags: ["printer", "hardware"],
      priority: "low",
      opening:
        "The big printer by accounting keeps saying PC LOAD LETTER. What does that even mean? Tray 2 is full.",
      reply:
        "Hi {first}, it means the tray it wants (letter size) is empty. Is your document set to letter or A4?",
      followUp: "It's set to letter. And tray 2 definitely has letter paper in it.",
      resolution:
        "Thanks {first}. Tray 2's size sensor was stuck on A4; we've reseated it and the printer takes letter from tray 2 again.",
      note: "Third call about this printer this quarter. Service contract ticket opened.",
    },
    {
      subject: "Laptop {asset} won't boot after update",
      tags: ["hardware", "laptop"],
      priority: "high",
      opening:
        "My {device} ({asset}) installed updates overnight and now it only shows a black screen with a blinking cursor.",
      reply:
        "Hi {first}, sorry about that. Could you hold the power button for 10 seconds, start it again, and tell me if you see the manufacturer logo?",
      followUp: "I see the logo, then it goes back to the black screen.",
      resolution:
        "Thanks {first}. The update corrupted the boot loader; we've repaired it remotely and your files are untouched. Please restart once more to finish.",
      note: "Known issue with last night's firmware push on this model. Pausing the rollout.",
    },
    {
      subject: "Request: install {software}",
      tags: ["software", "request"],
      priority: "low",
      opening: "Could you install {software} on my laptop? I need it for the Q3 planning work.",
      reply:
        "Hi {first}, {software} needs a licence approval. Could you ask your manager to reply on this ticket approving it?",
      followUp: "My manager approved it on this thread just now.",
      resolution:
        "Thanks {first}. {software} is now available in Software Center. Click Install and it'll be ready in a few minutes.",
      note: "Licence seat assigned from the pool (7 left).",
    },
    {
      subject: "Outlook keeps asking for my password",
      tags: ["email", "outlook"],
      priority: "normal",
      opening:
        "Outlook pops up a password prompt every 10 minutes. I enter it and it comes back again.",
      reply:
        "Hi {first}, are you using the Outlook desktop app, and did you recently change your password?",
      followUp: "Desktop app, and yes, I changed my password on Monday.",
      resolution:
        "Thanks {first}. I've cleared the old credentials from Windows Credential Manager; restart Outlook and sign in once, and the prompts should stop.",
      note: "Stale credential in Credential Manager, the usual cause after password changes.",
    },
    {
      subject: "New hire starting Monday needs laptop and accounts",
      tags: ["onboarding"],
      priority: "normal",
      opening:
        "We have a new analyst starting Monday. They'll need a laptop, email, {app} access and a badge.",
      reply:
        "Hi {first}, happy to set that up. Could you send their full name, job title and manager?",
      followUp: "Details are in the attached onboarding form.",
      resolution:
        "All set, {first}: a {device} ({asset}) is imaged and ready, the email and {app} accounts are created, and facilities has the badge request.",
      note: "Laptop {asset} imaged and assigned. Badge request sent to facilities.",
    },
    {
      subject: "Shared drive S: not showing up",
      tags: ["network", "file-share"],
      priority: "normal",
      opening:
        "My S: drive disappeared this morning and I need the budget spreadsheets on it for a meeting at 2.",
      reply:
        "Hi {first}, are you in the office or working remotely right now? The drive only maps on the network or the VPN.",
      followUp: "I'm at home, and yes, I'm connected to the VPN.",
      resolution:
        "Thanks {first}. The login script failed to run over the VPN; I've mapped S: for you manually, and the script is fixed for next time.",
      note: "Login script had a hard-coded office DNS server.",
    },
    {
      subject: "Suspicious email. Is this phishing?",
      tags: ["security", "phishing"],
      priority: "urgent",
      opening:
        "I got an email from 'IT Support' asking me to confirm my password on a weird link. I didn't click it. Is it real?",
      reply:
        "Good catch, {first}! Could you forward it to us as an attachment so we can see the headers?",
      followUp: "Forwarded it as an attachment.",
      resolution:
        "Thanks {first}, it is phishing. We've blocked the sender and the link company-wide and removed the email from everyone's inbox. No need to do anything else.",
      note: "Campaign hit 34 mailboxes. Sender domain blocked, messages purged.",
    },
    {
      subject: "Second monitor not detected on docking station",
      tags: ["hardware"],
      priority: "low",
      opening:
        "Since I got the new docking station my second monitor shows 'no signal'. The first one works fine.",
      reply:
        "Hi {first}, which cable connects the second monitor to the dock: HDMI or DisplayPort?",
      followUp: "HDMI.",
      resolution:
        "Thanks {first}. That dock only drives one HDMI screen; I've left a DisplayPort cable on your desk. Swap it in and both monitors will work.",
      note: "New docks: one HDMI plus two DP outputs. Update the setup guide.",
    },
    {
      subject: "Teams calls keep dropping audio",
      tags: ["teams", "audio"],
      priority: "normal",
      opening:
        "In Teams calls my audio cuts out every few minutes; people say I sound like a robot.",
      reply: "Hi {first}, are you on Wi-Fi or a wired connection, and which headset are you using?",
      followUp: "Wi-Fi in meeting room {room}, with the company Jabra headset.",
      resolution:
        "Thanks {first}. The access point near {room} was overloaded; we've added a second one. Calls from there should be clear now.",
      note: "AP in {room} at 95% utilisation during the day.",
    },
    {
      subject: "Access to the Finance shared folder",
      tags: ["access-request"],
      priority: "normal",
      opening:
        "I've moved to the FP&A team and need read and write access to the Finance shared folder.",
      reply:
        "Hi {first}, the folder owner needs to approve this. I've asked them; could you confirm which subfolders you need?",
      followUp: "Just Budget and Forecasts.",
      resolution:
        "Approved and done, {first}. You have read and write access to Finance\\Budget and Finance\\Forecasts. Sign out and back in to see them.",
      note: "Approval from the Finance folder owner attached to the ticket.",
    },
    {
      subject: "Wi-Fi in meeting room {room} keeps disconnecting",
      tags: ["network", "wifi"],
      priority: "normal",
      opening:
        "Every meeting in {room} someone's laptop drops off the Wi-Fi. It happened three times in one call today.",
      reply:
        "Hi {first}, thanks for reporting it. Roughly what time did it happen today, so we can match it to the logs?",
      followUp: "Around 10:15 and again at 10:40.",
      resolution:
        "Thanks {first}. The access point in {room} was rebooting because of a failing power injector; we've replaced it.",
      note: "AP uptime never above 30 min. Replaced the PoE injector.",
    },
    {
      subject: "New phone: need to move my authenticator",
      tags: ["mfa", "account"],
      priority: "normal",
      opening:
        "I got a new phone and my old one is wiped, so I can't approve sign-ins any more. How do I move the authenticator?",
      reply:
        "Hi {first}, we can reset your MFA. For security, could you call the helpdesk line from your desk phone so we can verify you?",
      followUp: "Just called and spoke with the helpdesk.",
      resolution:
        "Verified, thanks {first}. Your MFA is reset; at your next sign-in you'll be asked to register the new phone.",
      note: "Verified by call-back to the desk phone on file before the reset.",
    },
    {
      subject: "Disk full warning on {asset}",
      tags: ["hardware", "storage"],
      priority: "low",
      opening:
        "My laptop ({asset}) keeps warning that the disk is almost full, and everything is getting slow.",
      reply:
        "Hi {first}, do you keep large files in Downloads or on the desktop? Those often fill the disk up.",
      followUp: "There are a lot of old video recordings in Downloads.",
      resolution:
        "Thanks {first}. Moving the recordings to your OneDrive freed 80 GB, and Storage Sense now clears Downloads every 60 days.",
      note: "256 GB disk; flag for the next hardware refresh.",
    },
    {
      subject: "Where is the new TPS report template?",
      tags: ["documents"],
      priority: "low",
      opening:
        "I was told the TPS reports need the new cover sheet. Where can I find the updated template?",
      reply:
        "Hi {first}, it's on the intranet under Templates. Are you able to open that page, or do you get an error?",
      followUp: "I get 'access denied' on the Templates page.",
      resolution:
        "Fixed, {first}: you were missing from the All Staff group. You can open Templates → TPS Report now, and it has the new cover sheet.",
      note: "Group membership gap from the HR sync. Reported to identity team.",
    },
  ],
};

/** The demo tenants with their content, in the order the seed reports them. */
export const DEMO_TENANTS: readonly DemoTenantSpec[] = [acme, globex, initech];

/** A customer chasing an open ticket (no agent named: nobody may have picked it up yet). */
export const CUSTOMER_NUDGES: readonly string[] = [
  "Any update on this?",
  "Just checking in: is there anything else you need from me?",
  "Following up on this one; we're still waiting.",
  "Hello? Any news on this? It's starting to hold us up.",
];

/** A customer closing the loop on a solved ticket. */
export const CUSTOMER_THANKS: readonly string[] = [
  "That did it. Thank you, {agent}!",
  "Perfect, thanks for sorting this out so quickly.",
  "All good now. Really appreciate the help.",
  "Confirmed on my side, everything works again. Thanks!",
];

/** An agent keeping the customer posted while the work goes on. */
export const AGENT_UPDATES: readonly string[] = [
  "Thanks {first}, that helps. I've passed this to the team that owns it and will update you as soon as I hear back.",
  "Quick update, {first}: I'm working on this with the team and will get back to you by tomorrow.",
  "Thanks for the details, {first}. I'm still looking into this and will report back today.",
];

/** An agent following up on a question the customer has not answered yet. */
export const AGENT_CHASERS: readonly string[] = [
  "Hi {first}, just checking whether you had a chance to look at my question above. I'll keep this ticket open until I hear back.",
  "Following up on this, {first}: once we have that detail from you we can take it from here.",
  "Hi {first}, any news on your side? Reply here whenever you're ready and we'll pick it up straight away.",
];

/** An agent's internal note on a ticket still in progress (the customer never sees it). */
export const TRIAGE_NOTES: readonly string[] = [
  "Taking a look at this one now.",
  "Will pick this up right after the standup.",
  "Customer has written in about this before; let's answer today.",
  "Asked tier 2 for a second pair of eyes.",
];

/** Each demo help centre's contact-form inquiry types (seed 000's form): name, what it is for, triage. */
export const DEMO_INQUIRY_TYPES: Readonly<
  Record<
    string,
    {
      key: string;
      name: string;
      description: string;
      priority: "low" | "normal" | "high" | "urgent";
      tags: string[];
    }[]
  >
> = {
  acme: [
    {
      key: "order",
      name: "An order",
      description: "Tracking, changes, missing or damaged items.",
      priority: "normal",
      tags: ["orders"],
    },
    {
      key: "return",
      name: "A return or refund",
      description: "Sending something back, exchanges, refunds.",
      priority: "normal",
      tags: ["returns"],
    },
    {
      key: "product",
      name: "A product question",
      description: "Sizing, care, warranty.",
      priority: "low",
      tags: ["product"],
    },
  ],
  globex: [
    {
      key: "outage",
      name: "Something is down",
      description: "Dashboards or data not loading for your team.",
      priority: "urgent",
      tags: ["outage"],
    },
    {
      key: "billing",
      name: "Billing",
      description: "Invoices, plans and payment methods.",
      priority: "normal",
      tags: ["billing"],
    },
    {
      key: "howto",
      name: "How do I…?",
      description: "Connectors, dashboards, the API.",
      priority: "low",
      tags: ["how-to"],
    },
  ],
  initech: [
    {
      key: "access",
      name: "Access or password",
      description: "Locked out, VPN, multi-factor sign-in.",
      priority: "high",
      tags: ["access"],
    },
    {
      key: "hardware",
      name: "Hardware",
      description: "Laptops, monitors, printers, peripherals.",
      priority: "normal",
      tags: ["hardware"],
    },
    {
      key: "software",
      name: "Software",
      description: "Installs, licences, email and calendar.",
      priority: "normal",
      tags: ["software"],
    },
  ],
};

// Search-relevance fixture over the demo knowledge base: what customers type, and what they want.
//
// This list is the input of the knowledge-base search relevance test: for each entry, `kb.search`
// in `tenant` (websearch_to_tsquery with the tenant's text-search configuration over the weighted
// title/excerpt/body, plus pg_trgm similarity on titles for typos) must rank the published
// article `expect` in its top 3. The queries mix synonyms, plurals, typos, partial phrases and
// questions; the demo articles (seed-kb-data.ts) are written so a reasonable search finds them,
// so when you edit an article's title or wording, run that test.

/** One search a customer makes in a demo tenant's help centre, and the article slug it wants. */
export type KbSearchCase = {
  tenant: "acme" | "globex" | "initech";
  query: string;
  /** The slug of a published article of `tenant` that must rank in the top 3. */
  expect: string;
};

export const KB_SEARCH_CASES: readonly KbSearchCase[] = [
  // acme: synonyms and everyday wording
  { tenant: "acme", query: "send back", expect: "how-do-i-return-an-item" },
  { tenant: "acme", query: "track my package", expect: "track-my-order" },
  { tenant: "acme", query: "double charge", expect: "charged-twice" },
  { tenant: "acme", query: "payment options", expect: "payment-methods" },
  { tenant: "acme", query: "promo code not working", expect: "discount-code-not-working" },
  { tenant: "acme", query: "broken zipper", expect: "acme-warranty" },
  { tenant: "acme", query: "exchange for a bigger size", expect: "exchange-for-a-different-size" },
  // acme: plurals and other inflections
  { tenant: "acme", query: "refunds", expect: "when-will-i-get-my-refund" },
  { tenant: "acme", query: "washing down jackets", expect: "how-do-i-wash-a-down-jacket" },
  { tenant: "acme", query: "rewards points", expect: "basecamp-rewards" },
  { tenant: "acme", query: "waterproofing", expect: "rain-jacket-waterproofing" },
  // acme: typos in title words (trigram similarity on titles)
  { tenant: "acme", query: "retrun policy", expect: "return-policy" },
  { tenant: "acme", query: "acme warrenty", expect: "acme-warranty" },
  { tenant: "acme", query: "dicount code", expect: "discount-code-not-working" },
  { tenant: "acme", query: "trak my order", expect: "track-my-order" },
  { tenant: "acme", query: "how do i retrun an item", expect: "how-do-i-return-an-item" },
  // acme: partial phrases and questions
  { tenant: "acme", query: "how long does delivery take", expect: "how-long-does-shipping-take" },
  { tenant: "acme", query: "cancel order", expect: "change-or-cancel-an-order" },
  { tenant: "acme", query: "customs fees canada", expect: "international-shipping-and-customs" },
  {
    tenant: "acme",
    query: "says delivered but not here",
    expect: "package-marked-delivered-not-received",
  },
  { tenant: "acme", query: "wrong size sent", expect: "missing-or-wrong-item" },
  { tenant: "acme", query: "jacket size chart", expect: "size-guide" },
  { tenant: "acme", query: "tent pole repair", expect: "tent-care-and-repair" },
  { tenant: "acme", query: "forgot password", expect: "forgot-my-password" },
  { tenant: "acme", query: "return a gift", expect: "returning-a-gift" },
  { tenant: "acme", query: "arrived damaged", expect: "damaged-item-arrived" },
  // globex
  { tenant: "globex", query: "connect postgres", expect: "connecting-postgresql" },
  { tenant: "globex", query: "api key", expect: "creating-and-rotating-api-keys" },
  { tenant: "globex", query: "cancel my subscription", expect: "cancelling-your-subscription" },
  { tenant: "globex", query: "vat invoice", expect: "invoices-and-vat" },
  { tenant: "globex", query: "export csv", expect: "exporting-data-to-csv-or-excel" },
  { tenant: "globex", query: "saml sso", expect: "setting-up-single-sign-on" },
  { tenant: "globex", query: "429 too many requests", expect: "api-rate-limits" },
  { tenant: "globex", query: "sync failed", expect: "troubleshooting-a-failed-sync" },
  { tenant: "globex", query: "whitelist ip", expect: "ip-addresses-to-allow-list" },
  { tenant: "globex", query: "snowflake", expect: "connecting-a-cloud-data-warehouse" },
  { tenant: "globex", query: "sharing a dashbord", expect: "sharing-a-dashboard" },
  // initech
  { tenant: "initech", query: "reset password", expect: "resetting-your-windows-password" },
  { tenant: "initech", query: "vpn authentication failed", expect: "vpn-authentication-failed" },
  { tenant: "initech", query: "printer jam", expect: "printer-errors-pc-load-letter" },
  { tenant: "initech", query: "new laptop", expect: "requesting-a-new-laptop" },
  {
    tenant: "initech",
    query: "automatic reply vacation",
    expect: "setting-an-out-of-office-reply",
  },
  { tenant: "initech", query: "s drive missing", expect: "s-drive-missing" },
  { tenant: "initech", query: "second monitor no signal", expect: "docking-station-and-monitors" },
  { tenant: "initech", query: "phishing", expect: "reporting-a-phishing-email" },
  {
    tenant: "initech",
    query: "outlok keeps asking for password",
    expect: "outlook-keeps-asking-for-password",
  },
];

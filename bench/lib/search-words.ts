// The words bench:api's messages are written in (so search has something to find, unevenly, as in
// real mail: the first words are common, the last rare) and the two-word query it searches for.

/** Message vocabulary, most common first (a word's share falls with its rank). */
export const MESSAGE_WORDS =
  `the account invoice payment order customer please thanks help error page login password
email browser mobile app export report dashboard team user admin plan billing card charge refund
subscription trial upgrade downgrade cancel renew receipt tax vat address company settings profile
notification alert sync import file upload download attachment image pdf csv excel link button menu
screen window tab field form search filter sort column row table chart graph widget calendar date
time zone language translation update version release bug crash freeze slow timeout loading spinner
blank white black dark mode theme font size layout mobile tablet desktop windows mac linux android
iphone safari chrome firefox edge cookie cache session token api key webhook integration slack zapier
salesforce hubspot shopify stripe paypal bank transfer wire credit debit balance statement overdue
reminder discount coupon promo code voucher gift shipping delivery tracking parcel courier warehouse
stock inventory product variant price quote estimate contract signature approval workflow rule
trigger automation schedule recurring duplicate merge archive delete restore backup history audit
permission role owner member guest invite signup onboarding tutorial guide article documentation
feedback survey rating review complaint escalation priority urgent outage incident maintenance
migration database server network firewall proxy certificate domain dns redirect captcha spam
phishing security breach encryption compliance gdpr privacy consent unsubscribe newsletter campaign
segment audience analytics metric conversion funnel retention churn cohort forecast budget quota
license seat renewal procurement vendor partner reseller affiliate commission payout invoice-number
reconciliation ledger journal accrual depreciation payroll timesheet overtime holiday leave shift
roster kiosk printer scanner barcode label receipt-printer drawer terminal tablet-stand headset`
    .split(/\s+/)
    .filter(Boolean);

/**
 * The bench's search: two words of middling frequency (ranks ~60 and ~90), so a tenant of 1,000
 * tickets holds a few dozen tickets with both and 100,000 tickets a few thousand.
 */
export const SEARCH_QUERY = `${MESSAGE_WORDS[60]} ${MESSAGE_WORDS[90]}`;

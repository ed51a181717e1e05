// The vocabulary of the help-centre bench's generated articles: titles from verbs × topics ×
// qualifiers, bodies drawn (skewed toward the first words) from a support-desk word list, and the
// queries search is measured with, written in those words so they match a realistic share.

export const TITLE_VERBS = [
  "How to reset",
  "Change",
  "Set up",
  "Troubleshoot",
  "Export",
  "Understand",
  "Manage",
  "Fix problems with",
  "Connect",
  "Update",
  "Delete",
  "Get started with",
  "Secure",
];

export const TITLE_TOPICS = [
  "your password",
  "two-factor authentication",
  "invoices",
  "billing plans",
  "refunds",
  "the mobile app",
  "email notifications",
  "single sign-on",
  "user permissions",
  "team members",
  "API keys",
  "webhooks",
  "CSV exports",
  "the dashboard",
  "custom domains",
  "data imports",
  "payment methods",
  "order tracking",
  "shipping addresses",
  "delivery times",
  "subscriptions",
  "account deletion",
  "browser extensions",
  "calendar sync",
  "Slack integration",
  "reports",
  "tags and filters",
  "saved searches",
  "audit logs",
  "language settings",
  "time zones",
];

export const TITLE_QUALIFIERS = [
  "",
  " on iOS",
  " on Android",
  " in the web app",
  " for your team",
  " for administrators",
  " after an upgrade",
  " when it fails",
  " step by step",
  " in bulk",
  " with the API",
  " on a new device",
  " for enterprise accounts",
  " during a trial",
  " behind a proxy",
  " in Europe",
  " securely",
];

/** Body words, most common first (the loader picks index ~ n·random()², a long tail). */
export const BODY_WORDS = `
  the your to and you a account click settings can in of page select open for team when then
  it with is on this password email user data app save change button menu admin invoice
  billing plan payment order export import report sign login reset link notification message
  support ticket customer agent integration webhook token key permission role member invite
  profile security device browser mobile phone download upload file csv dashboard filter
  search tag status error problem issue fix retry update upgrade version release feature
  option default custom domain address shipping delivery tracking refund charge card tax
  receipt subscription trial cancel renew monthly annual discount coupon limit quota usage
  storage backup restore delete archive history audit log activity calendar sync slack zapier
  api request response timeout network proxy firewall certificate ssl authentication
  authenticator code verification recovery factor sso saml directory group workspace project
  folder template macro automation rule trigger schedule timezone language translation
  accessibility keyboard shortcut theme dark notification digest unsubscribe spam bounce
  forward attachment image preview print receipt statement currency vat invoice purchase quote
  contract renewal seat license owner transfer merge duplicate split assign escalate priority
  urgent resolve close reopen feedback rating survey widget embed chat bot knowledge article
  guide tutorial troubleshooting performance slow outage maintenance incident latency android
  ios windows mac linux chrome firefox safari extension
`
  .trim()
  .split(/\s+/);

/** Queries a help centre's visitors type: plain phrases, typos, quoted phrases, questions. */
export const SEARCH_QUERIES = [
  "reset password",
  "how do I change my password",
  "pasword reset",
  "two-factor authentication",
  "refund for a double charge",
  "download invoice",
  "cancel subscription",
  "export csv",
  "delete my account",
  "add a team member",
  "api key",
  "webhook timeout error",
  "single sign-on saml",
  "shipping address change",
  "where is my order tracking",
  "mobile app not syncing",
  "billing plan upgrade",
  '"custom domain" certificate',
  "notifications spam",
  "dashboard slow",
];

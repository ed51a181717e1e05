// The help centre's contact form: what it offers (inquiry types, the custom fields it asks), the
// articles it suggests while a customer types, and a submission turned into a ticket. Public: the
// form itself is the door, so nothing here asks for a permission; the server in front limits who
// may knock how often.
import { attachments, eq, type TenantDb, tenants } from "@supportdesk/database";
import type { TicketFieldValue } from "@supportdesk/domain";
import { z } from "zod";
import { audit } from "../audit";
import { customerByEmail } from "../customers";
import { AppError } from "../errors";
import { checkContactFormValues, contactFormFields } from "../fields/ticket-values";
import { validateFieldValues, valuesFromForm } from "../fields/values";
import { isAssignable } from "../members";
import { type OpenScope, openTicket } from "../ticket-open";
import { countDeflection } from "./deflection";
import { publicSearch } from "./pages";
import { type InquiryType, normaliseSettings } from "./settings";

/** The longest value each field takes (characters). */
export const CONTACT_LIMITS = { name: 100, email: 254, subject: 200, message: 10_000 } as const;

export type PublicInquiryType = Pick<InquiryType, "id" | "name" | "description">;

/** A custom field the form asks (active and marked `onContactForm`), as the page renders it. */
export type ContactFormField = Awaited<ReturnType<typeof contactFormFields>>[number];

/** What the form asks: the tenant's inquiry types, and its custom fields in their order. */
export type ContactFormSpec = {
  inquiryTypes: PublicInquiryType[];
  fields: ContactFormField[];
};

/**
 * What the form asks: the tenant's inquiry types as it lists them (their routing stays private),
 * and the custom fields marked for it.
 */
export async function contactForm(tx: TenantDb, tenantId: string): Promise<ContactFormSpec> {
  const inquiryTypes = (await inquiryTypesOf(tx, tenantId)).map(({ id, name, description }) => ({
    id,
    name,
    description,
  }));
  return { inquiryTypes, fields: await contactFormFields(tx) };
}

async function inquiryTypesOf(tx: TenantDb, tenantId: string): Promise<InquiryType[]> {
  const [row] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return normaliseSettings(row?.settings.helpCentre).inquiryTypes;
}

/** Whether `value` holds control characters other than tab, newline and carriage return. */
export function hasControlCharacters(value: string): boolean {
  for (const c of value) {
    const code = c.charCodeAt(0);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} may be at most ${max} characters.` })
    .refine((v) => !hasControlCharacters(v), {
      error: `${label} holds characters that cannot be sent.`,
    });

const contactSchema = z.object({
  name: text("Your name", CONTACT_LIMITS.name).refine((v) => !/[\r\n]/.test(v), {
    error: "Your name must be on one line.",
  }),
  email: z
    .string({ error: "Your email address is required." })
    .trim()
    .max(CONTACT_LIMITS.email, { error: "That email address is too long." })
    .pipe(z.email({ error: "Enter an email address such as name@example.com." })),
  inquiryTypeId: z.string().max(100).optional(),
  subject: text("A subject", CONTACT_LIMITS.subject).refine((v) => !/[\r\n]/.test(v), {
    error: "The subject must be on one line.",
  }),
  message: text("A message", CONTACT_LIMITS.message),
});

export type ContactInput = z.infer<typeof contactSchema>;

/** A file the customer attached, already in storage under the tenant's prefix. */
export type StoredFile = {
  id: string;
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
};

/** At most this many files on a contact form. */
export const MAX_CONTACT_FILES = 3;
export type ContactField = keyof ContactInput;
/** A custom field's key among the problems: `fields.<field id>`. */
export type CustomFieldKey = `fields.${string}`;
/** Why a submission was refused, per field (custom ones `fields.<id>`), in a customer's words. */
export type ContactProblems = Partial<Record<ContactField | CustomFieldKey, string>>;
/** The custom fields' answers as posted: field id → the string, or strings, the form sent. */
export type ContactAnswers = Record<string, string | string[] | undefined>;
/** A checked submission: the form's own fields, and the custom field values to store. */
export type CheckedContact = ContactInput & { customFields: Record<string, TicketFieldValue> };

/**
 * The form's fields checked: the clean values, or a message per wrong field. `form` is what the
 * tenant's form asks (`contactForm`): a type is required when there are any, and each custom
 * field's answer in `answers` is checked against it (`checkAnswers`). Answers for fields the form
 * does not ask (archived, agents-only, another tenant's) are ignored.
 */
export function checkContact(
  raw: Record<string, unknown>,
  form: ContactFormSpec,
  answers: ContactAnswers = {},
): { ok: true; value: CheckedContact } | { ok: false; problems: ContactProblems } {
  const { inquiryTypes } = form;
  const parsed = contactSchema.safeParse({
    ...raw,
    inquiryTypeId:
      typeof raw.inquiryTypeId === "string" && raw.inquiryTypeId ? raw.inquiryTypeId : undefined,
  });
  const problems: ContactProblems = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ContactField | undefined;
      if (field && !problems[field]) problems[field] = issue.message;
    }
  }
  const typeId = parsed.success ? parsed.data.inquiryTypeId : raw.inquiryTypeId;
  if (inquiryTypes.length > 0 && !inquiryTypes.some((t) => t.id === typeId)) {
    problems.inquiryTypeId = "Choose what your request is about.";
  }
  const custom = checkAnswers(form.fields, answers);
  Object.assign(problems, custom.problems);
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { ...parsed.data, customFields: custom.values } };
}

/**
 * The custom fields' answers checked one field at a time, so the form can show a problem beside
 * each wrong one (a required one left empty included) rather than only the first: the values to
 * store (empty answers left out), and a message per wrong field keyed `fields.<id>`.
 */
export function checkAnswers(
  fields: readonly ContactFormField[],
  answers: ContactAnswers,
): { values: Record<string, TicketFieldValue>; problems: Record<CustomFieldKey, string> } {
  const given = valuesFromForm(fields, answers);
  const values: Record<string, TicketFieldValue> = {};
  const problems: Record<CustomFieldKey, string> = {};
  for (const field of fields) {
    const value = given[field.id];
    // PostgreSQL's jsonb cannot hold a NUL, and nothing else of the kind belongs in an answer.
    if (typeof value === "string" && hasControlCharacters(value)) {
      problems[`fields.${field.id}`] = `"${field.label}" holds characters that cannot be sent.`;
      continue;
    }
    try {
      const checked = validateFieldValues([field], { [field.id]: value }, { complete: true });
      const clean = checked[field.id];
      if (clean !== null && clean !== undefined) values[field.id] = clean;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems[`fields.${field.id}`] = error.message;
    }
  }
  return { values, problems };
}

/**
 * Files a checked submission as a ticket: the customer found or created by email, the first
 * message theirs, priority, tags and assignee from the inquiry type, the custom fields' values
 * (checked again here: BAD_REQUEST naming a field that is no longer asked, or required and not
 * given); agents are told and the customer is emailed an acknowledgement with a link to follow
 * the ticket (`openTicket`). `suggested`: articles had been suggested before the customer sent it
 * anyway.
 */
export async function submitContact(
  scope: OpenScope,
  input: ContactInput & {
    customFields?: Record<string, TicketFieldValue> | undefined;
    suggested?: boolean;
    attachments?: StoredFile[];
  },
): Promise<{ ticketId: string; number: number }> {
  // In the filing's own transaction: a field archived or made required since the form was checked.
  const customFields = await checkContactFormValues(scope.tx, input.customFields ?? {});
  const types = await inquiryTypesOf(scope.tx, scope.tenantId);
  const type = types.find((t) => t.id === input.inquiryTypeId);
  const customerId = await customerByEmail(scope.tx, input.email, input.name);
  // The default assignee may have left or lost the right to work tickets since it was chosen.
  const firstMessageId = Bun.randomUUIDv7();
  const assigneeId =
    type?.assigneeId && (await isAssignable(scope, type.assigneeId)) ? type.assigneeId : null;
  const ticket = await openTicket(scope, {
    subject: input.subject,
    body: input.message,
    customerId,
    priority: type?.priority,
    tags: type?.tags,
    assigneeId,
    channel: "helpcentre",
    inquiryTypeId: type?.id,
    customFields,
    author: { type: "customer", customerId },
    firstMessageId,
  });
  if (input.attachments?.length) {
    await scope.tx.insert(attachments).values(
      input.attachments.map((file) => ({
        ...file,
        ticketId: ticket.id,
        messageId: firstMessageId,
      })),
    );
  }
  if (input.suggested) await countDeflection(scope.tx, "submitted");
  await audit(scope, "helpcentre.contact", { type: "ticket", id: ticket.id }, { customerId });
  return { ticketId: ticket.id, number: ticket.number };
}

/** Published articles matching what the customer is typing, best first (at most five). */
export async function contactSuggestions(
  tx: TenantDb,
  tenantId: string,
  subject: string,
): Promise<{ title: string; slug: string; excerpt: string }[]> {
  const hits = await publicSearch(tx, tenantId, subject);
  return hits.slice(0, 5).map(({ title, slug, excerpt }) => ({ title, slug, excerpt }));
}

// The automation rules' vocabulary as zod schemas (the router validates with them; the web reads
// the inferred types through RouterInputs/RouterOutputs): triggers, conditions and actions.
import {
  CSAT_RATINGS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from "@supportdesk/domain";
import { z } from "zod";

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 500;
export const ACTIONS_MAX = 20;
export const CONDITIONS_MAX = 30;
export const TIME_MINUTES_MAX = 525_600;

const uuid = z.uuid({ error: "must be a UUID" });
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9 _-]*$/, { error: "may hold letters, digits, spaces, - and _" });

export const UPDATED_FIELDS = [
  "status",
  "priority",
  "assigneeId",
  "teamId",
  "tags",
  "customFields",
] as const;
export const MESSAGE_FROM = ["customer", "agent", "note", "any"] as const;
export const TIME_ANCHORS = ["pending", "unassigned", "created", "updated", "sla_due"] as const;

export const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket.created") }),
  z.object({
    type: z.literal("ticket.updated"),
    fields: z.array(z.enum(UPDATED_FIELDS)).max(UPDATED_FIELDS.length).optional(),
  }),
  z.object({ type: z.literal("message.received"), from: z.enum(MESSAGE_FROM) }),
  z.object({
    type: z.literal("time"),
    after: z.enum(TIME_ANCHORS),
    minutes: z.int().min(1).max(TIME_MINUTES_MAX),
  }),
  z.object({ type: z.literal("csat.received") }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger["type"];
export const TRIGGER_TYPES = [
  "ticket.created",
  "ticket.updated",
  "message.received",
  "time",
  "csat.received",
] as const satisfies readonly TriggerType[];

/** The trigger type an event of each kind fires. */
export const TRIGGER_OF_KIND: Record<"created" | "updated" | "message" | "csat", TriggerType> = {
  created: "ticket.created",
  updated: "ticket.updated",
  message: "message.received",
  csat: "csat.received",
};

export const CONDITION_OPS = [
  "is",
  "is_not",
  "contains",
  "not_contains",
  "starts_with",
  "in",
  "not_in",
  "gt",
  "lt",
  "is_set",
  "not_set",
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** The fields a condition reads (custom fields are `field:<id>`). */
export const CONDITION_FIELDS = [
  "status",
  "priority",
  "assignee",
  "team",
  "tags",
  "channel",
  "inquiryType",
  "subject",
  "message.text",
  "message.author",
  "customer.email",
  "customer.name",
  "businessHours",
  "csat.rating",
] as const;
export type BuiltInConditionField = (typeof CONDITION_FIELDS)[number];
export type ConditionField = BuiltInConditionField | `field:${string}`;

const TEXT_OPS = ["is", "is_not", "contains", "not_contains", "starts_with", "is_set", "not_set"];
const CHOICE_OPS = ["is", "is_not", "in", "not_in"];
const REF_OPS = [...CHOICE_OPS, "is_set", "not_set"];
const NUMBER_OPS = ["is", "is_not", "in", "not_in", "gt", "lt", "is_set", "not_set"];

/** What each field allows: its operators and what a value must be (per value, for in/not_in). */
export const FIELD_RULES: Record<
  BuiltInConditionField | "field",
  { ops: readonly string[]; value: z.ZodType; describe: string }
> = {
  status: { ops: CHOICE_OPS, value: z.enum(TICKET_STATUSES), describe: "a ticket status" },
  priority: { ops: CHOICE_OPS, value: z.enum(TICKET_PRIORITIES), describe: "a priority" },
  assignee: {
    ops: REF_OPS,
    value: z.union([uuid, z.literal("none")]),
    describe: "a user id or none",
  },
  team: { ops: REF_OPS, value: z.union([uuid, z.literal("none")]), describe: "a team id or none" },
  tags: { ops: ["contains", "not_contains", "is_set", "not_set"], value: tag, describe: "a tag" },
  channel: { ops: CHOICE_OPS, value: z.enum(TICKET_CHANNELS), describe: "a channel" },
  inquiryType: { ops: REF_OPS, value: z.string().min(1).max(100), describe: "an inquiry type id" },
  subject: { ops: TEXT_OPS, value: z.string().min(1).max(500), describe: "some text" },
  "message.text": { ops: TEXT_OPS, value: z.string().min(1).max(500), describe: "some text" },
  "message.author": {
    ops: CHOICE_OPS,
    value: z.enum(["customer", "agent", "note"]),
    describe: "customer, agent or note",
  },
  "customer.email": { ops: TEXT_OPS, value: z.string().min(1).max(320), describe: "some text" },
  "customer.name": { ops: TEXT_OPS, value: z.string().min(1).max(200), describe: "some text" },
  businessHours: { ops: ["is"], value: z.boolean(), describe: "true or false" },
  "csat.rating": {
    ops: NUMBER_OPS,
    value: z.union(CSAT_RATINGS.map((r) => z.literal(r))),
    describe: "a rating from 1 to 5",
  },
  field: {
    ops: CONDITION_OPS,
    value: z.union([z.string().max(500), z.number().finite(), z.boolean()]),
    describe: "a text, number or true/false",
  },
};

const valueSchema = z.union([
  z.string().max(500),
  z.number().finite(),
  z.boolean(),
  z.array(z.union([z.string().max(500), z.number().finite()])).max(50),
]);

export const conditionSchema = z
  .object({
    field: z.union(
      [
        z.enum(CONDITION_FIELDS),
        z.custom<`field:${string}`>(
          (value) => typeof value === "string" && /^field:[0-9a-f-]{36}$/i.test(value),
        ),
      ],
      { error: `must be one of ${CONDITION_FIELDS.join(", ")} or field:<custom field id>` },
    ),
    op: z.enum(CONDITION_OPS),
    value: valueSchema.optional(),
  })
  .superRefine((condition, ctx) => {
    const key = condition.field.startsWith("field:") ? "field" : condition.field;
    const rule = FIELD_RULES[key as keyof typeof FIELD_RULES];
    if (!rule) return;
    if (!rule.ops.includes(condition.op)) {
      ctx.addIssue({
        code: "custom",
        path: ["op"],
        message: `must be one of ${rule.ops.join(", ")} for ${condition.field}`,
      });
      return;
    }
    if (condition.op === "is_set" || condition.op === "not_set") return;
    const list = condition.op === "in" || condition.op === "not_in";
    const values = list ? condition.value : [condition.value];
    if (!Array.isArray(values) || values.length === 0 || (!list && condition.value === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: list ? `must be a list of ${rule.describe}` : `must be ${rule.describe}`,
      });
      return;
    }
    const numeric = condition.op === "gt" || condition.op === "lt";
    for (const value of values) {
      if (!rule.value.safeParse(value).success || (numeric && typeof value !== "number")) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: numeric ? "must be a number for gt and lt" : `must be ${rule.describe}`,
        });
        return;
      }
    }
  });
export type Condition = {
  field: ConditionField;
  op: ConditionOp;
  value?: string | number | boolean | (string | number)[] | undefined;
};

export const conditionsSchema = z.object({
  all: z.array(conditionSchema).max(CONDITIONS_MAX).default([]),
  any: z.array(conditionSchema).max(CONDITIONS_MAX).default([]),
});
export type Conditions = { all: Condition[]; any: Condition[] };

const tags = z.array(tag).min(1).max(20);
const text = (max: number) => z.string().trim().min(1, { error: "is required" }).max(max);

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("set_status"), value: z.enum(TICKET_STATUSES) }),
  z.object({ type: z.literal("set_priority"), value: z.enum(TICKET_PRIORITIES) }),
  z.object({ type: z.literal("set_assignee"), userId: uuid.nullable() }),
  z.object({ type: z.literal("set_team"), teamId: uuid.nullable() }),
  z.object({ type: z.literal("add_tags"), tags }),
  z.object({ type: z.literal("remove_tags"), tags }),
  z.object({
    type: z.literal("set_field"),
    fieldId: uuid,
    value: z.union([
      z.string().max(2000),
      z.number().finite(),
      z.boolean(),
      z.array(z.string().max(200)).max(50),
      z.null(),
    ]),
  }),
  z.object({ type: z.literal("add_note"), body: text(20_000) }),
  z.object({ type: z.literal("email_customer"), subject: text(300), body: text(20_000) }),
  z
    .object({
      type: z.literal("notify"),
      userIds: z.array(uuid).max(50).optional(),
      teamIds: z.array(uuid).max(20).optional(),
      message: text(1000),
    })
    .refine((a) => (a.userIds?.length ?? 0) + (a.teamIds?.length ?? 0) > 0, {
      error: "needs at least one person or team to notify",
      path: ["userIds"],
    }),
  z.object({
    type: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2000),
  }),
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action["type"];

export const actionsSchema = z
  .array(actionSchema)
  .min(1, { error: "needs at least one action" })
  .max(ACTIONS_MAX, { error: `may hold at most ${ACTIONS_MAX} actions` });

export const ruleName = text(NAME_MAX);
export const ruleDescription = z.string().trim().max(DESCRIPTION_MAX);

/** A rule as created (and, every key optional but `id`, as updated). */
export const ruleInputSchema = z.object({
  name: ruleName,
  description: ruleDescription.optional(),
  enabled: z.boolean().optional(),
  trigger: triggerSchema,
  conditions: conditionsSchema.optional(),
  actions: actionsSchema,
});
export type RuleInput = z.input<typeof ruleInputSchema>;
export const ruleUpdateSchema = ruleInputSchema.partial().extend({ id: uuid });
export type RuleUpdate = z.input<typeof ruleUpdateSchema>;
/** The draft a preview evaluates: a saved rule's id, or a rule not saved yet. */
export const previewSchema = z.union([
  z.object({ id: uuid }),
  z.object({
    trigger: triggerSchema,
    conditions: conditionsSchema.optional(),
    actions: actionsSchema,
  }),
]);
export type PreviewInput = z.input<typeof previewSchema>;

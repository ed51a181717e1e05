// @supportdesk/queue: BullMQ job definitions (name + zod payload), the outbox relay, and the workers' handlers. The auth/tenancy and queue issues fill this face; nothing is exported yet.
export {};

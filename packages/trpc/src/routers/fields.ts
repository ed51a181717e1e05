// fields: custom ticket fields: definitions, and the values on a ticket.
import { router } from "../trpc";

export const fieldsRouter = router({});

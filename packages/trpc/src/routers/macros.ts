// macros: canned replies (macros): shared and personal, with placeholders and actions.
import { router } from "../trpc";

export const macrosRouter = router({});

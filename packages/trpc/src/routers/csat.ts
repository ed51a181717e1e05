// csat: filled in by the service-levels work.
import { router } from "../trpc";

export const csatRouter = router({});

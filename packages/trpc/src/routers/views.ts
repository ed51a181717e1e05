// views: saved views: named filters and a sort, personal or shared, with live counts.
import { router } from "../trpc";

export const viewsRouter = router({});

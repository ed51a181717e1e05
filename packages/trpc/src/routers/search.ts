// search: one search over tickets, customers and knowledge-base articles.
import { router } from "../trpc";

export const searchRouter = router({});

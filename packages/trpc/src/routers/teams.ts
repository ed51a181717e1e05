// teams: teams, their members and assignment rules; agents' availability.
import { router } from "../trpc";

export const teamsRouter = router({});

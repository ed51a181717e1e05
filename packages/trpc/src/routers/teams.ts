// teams: teams, their members and assignment rules; agents' availability.
import { AGENT_AVAILABILITY, ASSIGNMENT_MODES } from "@supportdesk/domain";
import { teams } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

const name = z.string().trim().min(1, { error: "is required" }).max(80);
const description = z.string().trim().max(500);
const assignment = z.enum(ASSIGNMENT_MODES);
const capacity = z.int().min(1).max(1000);
const memberIds = z.array(id).max(500, { error: "may hold at most 500 people" });

export const teamsRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["member.read"] })
    .query(({ ctx }) => ctx.run(teams.listTeams)),
  create: tenantProcedure
    .meta({ permissions: ["team.manage"] })
    .input(
      z.object({
        name,
        description: description.optional(),
        assignment: assignment.optional(),
        capacity: capacity.optional(),
        memberIds: memberIds.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => teams.createTeam(scope, input))),
  update: tenantProcedure
    .meta({ permissions: ["team.manage"] })
    .input(
      z.object({
        id,
        name: name.optional(),
        description: description.optional(),
        assignment: assignment.optional(),
        capacity: capacity.optional(),
        memberIds: memberIds.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => teams.updateTeam(scope, input))),
  delete: tenantProcedure
    .meta({ permissions: ["team.manage"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => teams.deleteTeam(scope, input))),
  /** The caller's availability: effective status, manual override, whether present. */
  myAvailability: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .query(({ ctx }) => ctx.run(teams.myAvailability)),
  /** Sets the caller's manual availability; null follows the web app's presence again. */
  setAvailability: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(z.object({ status: z.enum(AGENT_AVAILABILITY).nullable() }))
    .mutation(({ ctx, input }) => ctx.run((scope) => teams.setAvailability(scope, input))),
  /** The web app's presence beat, every 60 s while a tab is visible. */
  heartbeat: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .mutation(({ ctx }) => ctx.run(teams.heartbeat)),
});

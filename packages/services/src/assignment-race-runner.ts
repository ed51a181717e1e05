// A child process of assignment-race.test.ts: with its own connection pool, runs assignment for
// the test's teams in a loop until the deadline, checking every agent's load after each run;
// prints one JSON line of what it did and saw. Its settings (JSON) are its one argument.
import { and, createDatabase, inArray, isNotNull, sql, tickets } from "@supportdesk/database";
import { runAssignment } from "./assignment";

type Settings = {
  databaseUrl: string;
  tenantId: string;
  teamIds: string[];
  /** The most open tickets each agent may hold (the largest capacity among their teams). */
  limits: Record<string, number>;
  until: number;
  seed: number;
};

const settings = JSON.parse(process.argv[2] ?? "{}") as Settings;
const db = createDatabase({ url: settings.databaseUrl, max: 2 });

/** mulberry32: a small seeded generator, so a run's choices can be repeated. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(settings.seed);
const report = { runs: 0, assigned: 0, errors: [] as string[], violations: [] as string[] };

while (Date.now() < settings.until) {
  const teamId = settings.teamIds[Math.floor(next() * settings.teamIds.length)] ?? "";
  try {
    const run = await runAssignment(db, { tenantId: settings.tenantId, teamId });
    report.runs++;
    report.assigned += run.assigned.length;
  } catch (error) {
    report.errors.push((error as Error).message);
  }
  const loads = await db.withTenant(settings.tenantId, (tx) =>
    tx
      .select({ userId: tickets.assigneeId, load: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(isNotNull(tickets.assigneeId), inArray(tickets.status, ["open", "pending"])))
      .groupBy(tickets.assigneeId),
  );
  for (const { userId, load } of loads) {
    const limit = settings.limits[userId ?? ""] ?? 0;
    if (load > limit) report.violations.push(`${userId} held ${load} > ${limit}`);
  }
  await Bun.sleep(next() * 5);
}

console.log(JSON.stringify(report));
await db.close();

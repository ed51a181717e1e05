// Teams: members, assignment rules (manual, round-robin, least-loaded) with a per-agent capacity,
// and agents' availability.
export {};

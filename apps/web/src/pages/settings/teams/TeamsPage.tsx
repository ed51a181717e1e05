// Settings → Teams (being built).
export function TeamsPage() {
  return <h1>Teams</h1>;
}

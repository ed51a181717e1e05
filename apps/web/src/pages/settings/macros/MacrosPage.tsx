// Settings → Canned replies (being built).
export function MacrosPage() {
  return <h1>Canned replies</h1>;
}

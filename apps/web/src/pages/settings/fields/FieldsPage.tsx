// Settings → Ticket fields (being built).
export function FieldsPage() {
  return <h1>Ticket fields</h1>;
}

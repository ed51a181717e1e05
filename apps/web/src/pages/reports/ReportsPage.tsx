// Reports: built by the service-levels work.
export function ReportsPage() {
  return (
    <section>
      <h2>Reports</h2>
    </section>
  );
}

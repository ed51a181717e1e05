// SLA policies: built by the service-levels work.
export function SlaPoliciesPage() {
  return (
    <section>
      <h2>SLA policies</h2>
    </section>
  );
}

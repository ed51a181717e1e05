// Business hours: built by the service-levels work.
export function BusinessHoursPage() {
  return (
    <section>
      <h2>Business hours</h2>
    </section>
  );
}

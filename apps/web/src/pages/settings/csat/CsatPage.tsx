// Satisfaction surveys: built by the service-levels work.
export function CsatPage() {
  return (
    <section>
      <h2>Satisfaction surveys</h2>
    </section>
  );
}

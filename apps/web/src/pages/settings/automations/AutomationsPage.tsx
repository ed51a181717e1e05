// Automations: built by the service-levels work.
export function AutomationsPage() {
  return (
    <section>
      <h2>Automations</h2>
    </section>
  );
}

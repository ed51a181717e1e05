// A preview of the survey email as the customer reads it: the question as its heading and one
// link per rating (each records the rating in one click).
export function EmailPreview({
  question,
  labels,
}: {
  question: string;
  labels: readonly string[];
}) {
  return (
    <section className="sd-csat-preview" aria-labelledby="csat-preview">
      <h3 id="csat-preview">Email preview</h3>
      <div className="sd-csat-email">
        <p className="sd-small-text sd-muted">How did we do? [#123] Printer on fire</p>
        <p className="sd-csat-question">{question.trim() || "Write a question above."}</p>
        <p>Your request #123 "Printer on fire" was resolved. One click tells us how it went:</p>
        <ul className="sd-csat-choices">
          {labels.map((label) => (
            <li key={label}>
              <span className="sd-csat-choice">{label}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

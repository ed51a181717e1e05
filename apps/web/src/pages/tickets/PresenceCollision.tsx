// The composer's warning when someone else wrote on the ticket while the agent was typing.
import { Button } from "../../ui";
import "./presence.css";

/** "Ana replied 1 minute ago while you were typing. Send anyway?" with its two ways on. */
export function CollisionWarning({
  warning,
  onSend,
  onReview,
}: {
  warning: string | null;
  onSend: () => void;
  onReview: () => void;
}) {
  if (!warning) return null;
  return (
    <div className="composer-collision" role="alert">
      <p>{warning}</p>
      <div className="composer-collision-actions">
        <Button type="button" onClick={onSend}>
          Send anyway
        </Button>
        <Button type="button" variant="secondary" onClick={onReview}>
          Review
        </Button>
      </div>
    </div>
  );
}

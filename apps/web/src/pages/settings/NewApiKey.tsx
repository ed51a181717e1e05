// The new API key's secret, shown once with a copy button, until the user says it is saved.
import { useState } from "react";
import { Button } from "../../ui";

export function NewKey({
  name,
  secret,
  onDone,
}: {
  name: string;
  secret: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section className="card sd-new-key" aria-labelledby="sd-new-key-title">
      <h3 id="sd-new-key-title">Key “{name}” created</h3>
      <p className="sd-warning" role="alert">
        Copy this key now — you won't see it again. Store it somewhere safe, like a secrets manager.
      </p>
      <div className="sd-secret">
        <input
          aria-label="New API key"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <span role="status" className="sd-saved">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Could not copy; select the key and copy it yourself."
            : ""}
      </span>
      <div className="sd-actions">
        <Button type="button" onClick={onDone}>
          I've saved it
        </Button>
      </div>
    </section>
  );
}

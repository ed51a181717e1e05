// A ticket's tags: the list with remove buttons and a small form to add one.
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../ui";

export function TagEditor({
  tags,
  onChange,
  disabled,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  disabled: boolean;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const tag = text.trim().toLowerCase();
    if (!tag) return;
    if (!/^[a-z0-9][a-z0-9 _-]*$/.test(tag) || tag.length > 40) {
      setProblem("Tags may hold letters, digits, spaces, - and _ (up to 40).");
      return;
    }
    setProblem(null);
    setText("");
    if (!tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div className="field">
      <span className="field-label">Tags</span>
      {tags.length ? (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                disabled={disabled}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">No tags</span>
      )}
      <form className="tag-add" onSubmit={add}>
        <label htmlFor={id} className="visually-hidden">
          Add tag
        </label>
        <input
          id={id}
          placeholder="Add a tag"
          value={text}
          maxLength={40}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={disabled || !text.trim()}>
          Add
        </Button>
      </form>
      {problem ? (
        <div className="error" role="alert">
          {problem}
        </div>
      ) : null}
    </div>
  );
}

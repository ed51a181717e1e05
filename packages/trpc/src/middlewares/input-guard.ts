// Refuses raw input holding a NUL character, for every procedure, before any schema or SQL sees it.
import { badRequest } from "../errors";
import { middleware } from "../init";

/**
 * The path of the first string (or key) in `input` containing U+0000, such as `"name"` or
 * `"items.2.body"`, or null when there is none. PostgreSQL text cannot hold NUL, so such input
 * would otherwise fail deep in a query. Iterative, so deeply nested JSON cannot overflow the
 * stack (the server caps bodies at 1 MiB, which bounds the walk).
 */
export function findNul(input: unknown): string | null {
  // Paths are parent links, spelled out only for the value found: building each visited
  // value's path string would cost O(depth²) on deeply nested input.
  const stack: [unknown, Step | null][] = [[input, null]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() as [unknown, Step | null];
    if (typeof value === "string") {
      if (value.includes("\u0000")) return spell(at);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { key: i, parent: at }]);
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        if (key.includes("\u0000")) return spell(at);
        stack.push([child, { key, parent: at }]);
      }
    }
  }
  return null;
}

type Step = { key: string | number; parent: Step | null };

/** `a.0.b` for the steps leading to a value; "input" for the input itself. */
function spell(at: Step | null): string {
  const keys: (string | number)[] = [];
  for (let step = at; step; step = step.parent) keys.push(step.key);
  return keys.length > 0 ? keys.reverse().join(".") : "input";
}

/**
 * A 400 naming the field when any string in the raw input contains NUL. Input tRPC cannot read
 * (malformed JSON) is left to tRPC, which answers it as it always does.
 */
export const inputGuard = middleware(async function inputGuard({ getRawInput, next }) {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    return next();
  }
  const field = findNul(raw);
  if (field !== null) {
    throw badRequest(field, `${field} must not contain a NUL character (\\u0000).`);
  }
  return next();
});

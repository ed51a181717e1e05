// The editor's slug: suggested from the title (`pathSlug`) until the author types one of their own;
// emptying the slug field hands it back to the suggestion.
import { pathSlug } from "@supportdesk/domain";

export type SlugState = { slug: string; edited: boolean };

/** A new article: nothing typed yet, so the slug follows the title. */
export const FRESH_SLUG: SlugState = { slug: "", edited: false };

/** An existing article keeps its slug (changing a published address is a deliberate act). */
export function existingSlug(slug: string): SlugState {
  return { slug, edited: true };
}

/** The title changed: the suggestion follows it unless the author wrote their own slug. */
export function onTitle(state: SlugState, title: string): SlugState {
  return state.edited ? state : { slug: pathSlug(title), edited: false };
}

/** The author typed in the slug field; an emptied field follows the title again. */
export function onSlug(typed: string, title: string): SlugState {
  if (typed.trim() === "") return { slug: pathSlug(title), edited: false };
  return { slug: typed, edited: true };
}

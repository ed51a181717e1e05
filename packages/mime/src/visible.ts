// The part of a reply its writer typed: quoted history ("On … wrote:" and `>` lines) and
// signatures removed by Crisp's email-reply-parser, used on 1M+ mails a day. The full message stays
// available as the original.
import EmailReplyParser from "email-reply-parser";

/** Longer texts are cut before parsing: the parser's regular expressions run per line. */
const MAX_PARSED = 100_000;

/** The visible reply of a plain-text body; the whole (trimmed) body when nothing would be left. */
export function visibleText(text: string): string {
  const body = text.replace(/\r\n/g, "\n").slice(0, MAX_PARSED);
  let visible = "";
  try {
    visible = new EmailReplyParser().read(body).getVisibleText().trim();
  } catch {
    visible = "";
  }
  return visible || body.trim();
}

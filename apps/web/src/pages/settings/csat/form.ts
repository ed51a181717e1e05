// The survey settings form's state and what it sends: the delay typed in minutes, and the
// inquiry types as ticked boxes (ticked = surveyed; the server stores the ones left out).
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Settings = RouterOutputs["csat"]["settings"]["get"];
export type SettingsUpdate = RouterInputs["csat"]["settings"]["update"];

export const MAX_DELAY_MINUTES = 10_080;
export const MAX_TEXT = 300;

export type Form = {
  enabled: boolean;
  /** As typed. */
  delayMinutes: string;
  question: string;
  commentPrompt: string;
  /** The inquiry types that get no survey. */
  leftOut: string[];
};

export function formOf(settings: Settings): Form {
  return {
    enabled: settings.enabled,
    delayMinutes: String(settings.delayMinutes),
    question: settings.question,
    commentPrompt: settings.commentPrompt,
    leftOut: settings.inquiryTypes.filter((t) => !t.surveyed).map((t) => t.id),
  };
}

/** The update to send; a delay that is not a whole number goes as typed, for the server to name. */
export function toUpdate(form: Form): SettingsUpdate {
  const delay = Number(form.delayMinutes.trim());
  return {
    enabled: form.enabled,
    delayMinutes: form.delayMinutes.trim() === "" ? Number.NaN : delay,
    question: form.question,
    commentPrompt: form.commentPrompt,
    disabledInquiryTypeIds: form.leftOut,
  };
}

/** Ticks or unticks an inquiry type (ticked: its tickets get a survey). */
export function setSurveyed(form: Form, id: string, surveyed: boolean): Form {
  const leftOut = form.leftOut.filter((other) => other !== id);
  return { ...form, leftOut: surveyed ? leftOut : [...leftOut, id] };
}

/** "1 hour 30 minutes", "2 days", "at once": the delay in words beside its field. */
export function delayInWords(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) return "";
  if (minutes === 0) return "at once";
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (days) parts.push(unit(days, "day"));
  if (hours) parts.push(unit(hours, "hour"));
  if (mins) parts.push(unit(mins, "minute"));
  return `${parts.join(" ")} after the resolve`;
}

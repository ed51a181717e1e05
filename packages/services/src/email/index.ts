// The email channel: receiving (store raw, record, queue), filing (thread or open a ticket),
// bounces, and the settings that shape what is sent.
export {
  discardInbound,
  type EmailSettingsUpdate,
  type EmailSettingsView,
  getEmailSettings,
  listInbound,
  messageOriginalOf,
  originalOf,
  retryInbound,
  updateEmailSettings,
} from "./admin";
export { type Filed, fileInbound } from "./file";
export { type Threading, threadIndex, threadOutbound } from "./outbound";
export {
  type ProcessDeps,
  type ProcessInput,
  type ProcessOutcome,
  processInbound,
  quarantine,
} from "./process";
export { type InboundDeps, type ReceivedEmail, recordInbound, resolveRecipient } from "./receive";
export {
  type EmailSettings,
  emailSettingsOf,
  MAX_OWN_ADDRESSES,
  MAX_SIGNATURE_LENGTH,
  normaliseEmailSettings,
  type OwnAddress,
  ownAddressOf,
} from "./settings";
export { findThread, type ThreadMatch } from "./thread";

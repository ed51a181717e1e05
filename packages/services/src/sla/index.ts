// sla: policies (which targets apply to which tickets), the clocks every ticket change updates,
// how a ticket stands (`slaOf`), its clock history, and the sweep's warnings and breaches.
export { ticketClocks } from "./history";
export {
  createPolicy,
  deletePolicy,
  listPolicies,
  type PolicyInput,
  reorderPolicies,
  updatePolicy,
} from "./policies";
export { TARGET_MINUTES_MAX } from "./policy-rules";
export { SLA_FILTERS, type SlaFilter, slaOf } from "./state";
export { hasSlaWork, sweepSla } from "./sweep";

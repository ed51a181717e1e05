// Canned replies (macros): shared with the tenant or one agent's own; a body with placeholders
// and actions applied with it. The rules live in macros/.
export { applyMacro, ticketChanges } from "./macros/apply";
export { createMacro, deleteMacro, listMacros, type MacroInput, updateMacro } from "./macros/crud";
export { firstName, type MacroValues, renderMacro, unknownPlaceholders } from "./macros/render";
export { BODY_MAX, type Macro, NAME_MAX, TAGS_MAX } from "./macros/rules";

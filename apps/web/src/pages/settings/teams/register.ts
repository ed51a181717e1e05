// Registers the agent's availability control (layout/Availability.tsx) in the header, once, at
// module load (as settings/index.tsx does for the notifications bell).
import { shellSlots } from "../../../layout/AppShell";
import { Availability } from "../../../layout/Availability";

if (!shellSlots.headerEnd.includes(Availability)) shellSlots.headerEnd.unshift(Availability);

// The matrices' inputs for the automations procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

export const inputs: Record<string, (ids: Ids) => unknown> = {};

export const harmless: Record<string, (ids: Ids) => unknown> = {};

import { observationBodySchema } from "@/lib/agent/events";

/** Cells print a lot and figures are base64: far above the default JSON limit. */
export const OBSERVATION_BODY_LIMIT = 16 * 1024 * 1024;

/** The wire type is defined once, in lib/agent/events.ts. */
export const observationSchema = observationBodySchema;

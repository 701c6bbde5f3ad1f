import { z } from "zod";

/** Parent → bot process. */
export const parentMessage = z.discriminatedUnion("type", [z.object({ type: z.literal("heap") }), z.object({ type: z.literal("stop") })]);
export type ParentMessage = z.infer<typeof parentMessage>;

/** Bot process → parent. */
export const childMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), facts: z.number().int(), pid: z.number().int() }),
  z.object({ type: z.literal("heap"), heapUsed: z.number(), heapTotal: z.number(), rss: z.number(), gc: z.boolean() }),
]);
export type ChildMessage = z.infer<typeof childMessage>;
export type HeapReading = Extract<ChildMessage, { type: "heap" }>;

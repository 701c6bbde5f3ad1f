import { z } from "zod";
import { LIMITS, wellFormed } from "./limits.ts";

/** What a button does, encoded in its custom id (at most 100 characters). */
export type ButtonAction =
  | { kind: "source"; factId: string }
  | { kind: "ask"; factId: string }
  | { kind: "vote"; vote: "up" | "down"; factId: string }
  | { kind: "facts"; page: number; topic: string };

const factId = z.string().regex(/^[a-z0-9-]{1,90}$/);
const actionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("source"), factId }),
  z.object({ kind: z.literal("ask"), factId }),
  z.object({ kind: z.literal("vote"), vote: z.enum(["up", "down"]), factId }),
  z.object({ kind: z.literal("facts"), page: z.coerce.number().int().min(0).max(10_000), topic: z.string().max(80) }),
]);

export function encodeButton(action: ButtonAction): string {
  const id =
    action.kind === "facts"
      ? `facts:${action.page}:${action.topic}`
      : action.kind === "vote"
        ? `vote:${action.vote}:${action.factId}`
        : `${action.kind}:${action.factId}`;
  return cutId(wellFormed(id));
}

/** At most LIMITS.customId long, without splitting a surrogate pair (half of one is not valid UTF-8). */
function cutId(id: string): string {
  if (id.length <= LIMITS.customId) return id;
  const last = id.charCodeAt(LIMITS.customId - 1);
  return id.slice(0, last >= 0xd800 && last <= 0xdbff ? LIMITS.customId - 1 : LIMITS.customId);
}

/** Parses a custom id through zod; undefined for one this bot did not make. */
export function decodeButton(customId: string): ButtonAction | undefined {
  const [kind, first = "", ...rest] = customId.split(":");
  const raw =
    kind === "facts"
      ? { kind, page: first, topic: rest.join(":") }
      : kind === "vote"
        ? { kind, vote: first, factId: rest.join(":") }
        : { kind, factId: first };
  const parsed = actionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

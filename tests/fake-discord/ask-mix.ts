/**
 * A realistic mix of `/ask` interactions for load: the questions of an eval set (`loadEvalSet` from
 * bench/measure.ts: in scope and out of scope), asked by the guild's members in its channels and
 * by other people in DMs, some privately.
 */
import type { APIUser } from "discord.js";
import type { EvalItem } from "../../bench/measure.ts";
import type { InteractionInput } from "./index.ts";
import { snowflake } from "./snowflake.ts";

/** People who DM the bot: not guild members, so they can only ask in their DM channel. */
export function dmUsers(count: number): APIUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: snowflake(),
    username: `dm_user_${i}`,
    discriminator: "0",
    global_name: `DM user ${i}`,
    avatar: null,
  }));
}

const GUILD_PLACES = [
  { user: "regular", channel: "general" },
  { user: "moderator", channel: "general" },
  { user: "owner", channel: "announcements" },
  { user: "regular", channel: "read-only" },
  { user: "moderator", channel: "announcements" },
] as const;

/**
 * `count` /ask interactions cycling through the questions; one in four in a DM (of `dms` users),
 * the rest in the guild's three channels by its three members; one in six private.
 */
export function askMix(questions: readonly EvalItem[], count: number, dms: readonly APIUser[]): InteractionInput[] {
  if (questions.length === 0) throw new Error("askMix: no questions");
  return Array.from({ length: count }, (_, i): InteractionInput => {
    const question = questions[i % questions.length]?.q ?? "";
    const options: Record<string, string | boolean> = i % 6 === 5 ? { question, private: true } : { question };
    const dmUser = dms.length > 0 && i % 4 === 3 ? dms[Math.floor(i / 4) % dms.length] : undefined;
    if (dmUser) return { kind: "command", name: "ask", options, user: dmUser, dm: true };
    const place = GUILD_PLACES[i % GUILD_PLACES.length] ?? GUILD_PLACES[0];
    return { kind: "command", name: "ask", options, user: place.user, channel: place.channel };
  });
}

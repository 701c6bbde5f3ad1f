import { Routes, type REST } from "discord.js";
import { z } from "zod";

const gatewayBot = z.object({
  shards: z.number().int().positive(),
  session_start_limit: z.object({ max_concurrency: z.number().int().positive() }),
});

export interface GatewayInfo {
  /** how many shards Discord recommends for the bot */
  shards: number;
  /** how many shards may IDENTIFY at once (one per rate-limit bucket, each bucket once every 5 s) */
  maxConcurrency: number;
}

/**
 * GET /gateway/bot through the bot's REST client, so DISCORD_API_URL is honoured (discord.js's
 * own `totalShards: "auto"` always asks discord.com).
 */
export async function fetchGatewayInfo(rest: REST): Promise<GatewayInfo> {
  const data = gatewayBot.parse(await rest.get(Routes.gatewayBot()));
  return { shards: data.shards, maxConcurrency: data.session_start_limit.max_concurrency };
}

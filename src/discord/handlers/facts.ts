import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { Engine } from "../../engine/engine.ts";
import type { KnowledgeFact } from "../../knowledge/load.ts";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { factsPage } from "../replies/facts.ts";
import { topicOptions } from "./summary.ts";

/** Facts that bear on a topic are those the engine would at least suggest for it. */
const TOPIC_FLOOR = 0.3;

/** The facts to browse: all, in article order, or those about a topic, best first. */
export function factsFor(engine: Engine, topic: string): KnowledgeFact[] {
  if (!topic) return [...engine.facts].sort((a, b) => a.paragraph - b.paragraph || Number(a.kind === "entity") - Number(b.kind === "entity"));
  return engine
    .search(topic, 50)
    .filter((r) => r.score >= TOPIC_FLOOR)
    .map((r) => r.entry.fact);
}

/** /facts [topic]: browse privately, a page at a time. */
export async function handleFacts(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const topic = readOptions(interaction, topicOptions).topic ?? "";
  await interaction.reply({ ...factsPage(factsFor(ctx.engine, topic), 0, topic), flags: MessageFlags.Ephemeral });
}

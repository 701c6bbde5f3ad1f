/**
 * The bot alone in a process, for load runs (`npm run bench:discord`, tests/load.test.ts): the
 * same startBot, engine and knowledge as `npm start`, configured from the environment, plus an IPC
 * channel so the parent can read its heap after a full collection. Start it with
 * `startBotProcess()` (discord-process.ts); run it with node --expose-gc for heap readings.
 */
import { startBot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { createEngine } from "../src/engine/engine.ts";
import { preloadLexicon } from "../src/engine/word-class.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { collect, gcExposed } from "./measure.ts";
import { parentMessage, type ChildMessage } from "./discord-ipc.ts";

async function main(): Promise<void> {
  if (!process.send) throw new Error("discord-bot-process: start me with child_process.fork (an IPC channel is needed)");
  const send = (message: ChildMessage) => process.send?.(message);
  // A copy, so loadConfig does not read a .env file: the parent passes everything it wants.
  const config = loadConfig({ ...process.env });
  if (!config.token) throw new Error("discord-bot-process: DISCORD_TOKEN is not set");
  const logger = createLogger(config.logLevel);
  const engine = createEngine(loadKnowledge(config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR));
  preloadLexicon();
  const bot = await startBot({ config: { ...config, token: config.token }, knowledge: { engine }, logger });

  process.on("message", (raw: unknown) => {
    const parsed = parentMessage.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data.type === "heap") {
      collect();
      const { heapUsed, heapTotal, rss } = process.memoryUsage();
      send({ type: "heap", heapUsed, heapTotal, rss, gc: gcExposed });
      return;
    }
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  // The parent going away ends the run too.
  process.on("disconnect", () => {
    void bot.stop().finally(() => process.exit(0));
  });
  send({ type: "ready", facts: engine.facts.length, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

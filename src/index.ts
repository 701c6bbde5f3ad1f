import { DiscordjsErrorCodes } from "discord.js";
import { startBot } from "./bot.ts";
import { ConfigError, loadConfig, NO_TOKEN_MESSAGE } from "./config.ts";
import { join } from "node:path";
import { createEngineWithCache } from "./engine/index-cache.ts";
import { preloadLexicon } from "./engine/word-class.ts";
import { loadKnowledge } from "./knowledge/load.ts";
import { KnowledgeError } from "./knowledge/errors.ts";
import { createLogger } from "./logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "./paths.ts";

const SHUTDOWN_GRACE_MS = 4000;

/** npm start: config → knowledge → engine → Discord client; SIGINT/SIGTERM stop it cleanly. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.token) {
    console.error(NO_TOKEN_MESSAGE);
    return 1;
  }
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  const cached = createEngineWithCache(loadKnowledge(config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR), join(config.dataDir, "index-cache"));
  const { engine } = cached;
  if (cached.problem) logger.warn({ problem: cached.problem }, "index cache not used");
  preloadLexicon();
  logger.info(
    { articles: engine.articles.length, facts: engine.facts.length, index: cached.source, ms: Math.round(performance.now() - started) },
    "knowledge loaded",
  );

  let bot;
  try {
    bot = await startBot({ config: { ...config, token: config.token }, knowledge: { engine }, logger });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
      logger.fatal("Discord refused the token. Check DISCORD_TOKEN in .env (Developer Portal → Bot → Reset Token).");
      return 1;
    }
    throw error;
  }
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while shutting down");
        process.exit(0);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof KnowledgeError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);

import { DiscordjsErrorCodes } from "discord.js";
import { startBot } from "./bot.ts";
import { ConfigError, loadConfig, NO_TOKEN_MESSAGE } from "./config.ts";
import { EXIT_REFUSED, GatewayRefusedError, TOKEN_REFUSED_MESSAGE } from "./discord/client.ts";
import { join } from "node:path";
import { preloadLexicon } from "./engine/word-class.ts";
import { openFeedbackForBot } from "./feedback/for-bot.ts";
import { buildInWorker } from "./knowledge/build-in-worker.ts";
import { KnowledgeError } from "./knowledge/errors.ts";
import { LiveKnowledge } from "./knowledge/live.ts";
import { startObservability } from "./health/for-bot.ts";
import { createLogger } from "./logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "./paths.ts";

const SHUTDOWN_GRACE_MS = 4000;

/** npm start: config → live knowledge → feedback → Discord client; SIGINT/SIGTERM stop it cleanly. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.token) {
    console.error(NO_TOKEN_MESSAGE);
    return 1;
  }
  const logger = createLogger(config.logLevel);
  let knowledge: LiveKnowledge | undefined;
  let release = () => {};
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;

  // The signal handlers come first: a SIGTERM while the knowledge loads or the bot logs in must
  // stop it cleanly too, with the shutdown logged, not kill it mid-step.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    release();
    if (!bot) {
      process.exit(0);
      return;
    }
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while shutting down");
        process.exit(0);
      },
    );
  };
  // `on`, not `once`: a second signal (the process group signalled, then a ShardingManager passing it on) must not cut the stop short.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const observe = await startObservability(config, () => knowledge, logger);
  release = () => void observe?.close();
  try {
    knowledge = await LiveKnowledge.start({
      dir: config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR,
      cacheDir: join(config.dataDir, "index-cache"),
      logger,
      build: buildInWorker,
      onReload: observe?.onReload,
    });
  } catch (error) {
    await observe?.close();
    throw error;
  }
  knowledge.watch();
  preloadLexicon();
  const feedback = openFeedbackForBot(config, logger);
  const live = knowledge;
  release = () => {
    live.close();
    feedback.close();
    void observe?.close();
  };
  if (stopping) return 0;

  try {
    bot = await startBot({ config: { ...config, token: config.token }, knowledge: live, feedback: feedback.store, observe, logger });
  } catch (error) {
    release();
    if (error instanceof GatewayRefusedError) {
      logger.fatal({ code: error.code, shard: error.shard }, error.message);
      return EXIT_REFUSED;
    }
    if (error instanceof Error && "code" in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
      // Like a gateway refusal: restarting can't help, so a ShardingManager must not respawn it.
      logger.fatal(TOKEN_REFUSED_MESSAGE);
      return EXIT_REFUSED;
    }
    throw error;
  }
  const running = bot;
  // Refused for good once running (e.g. the token was reset): say why and exit, rather than sit disconnected.
  void running.refused.then((error) => {
    logger.fatal({ code: error.code, shard: error.shard }, error.message);
    const exit = () => process.exit(EXIT_REFUSED);
    release();
    setTimeout(exit, SHUTDOWN_GRACE_MS).unref();
    running.stop().then(exit, exit);
  });
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

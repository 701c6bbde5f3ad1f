import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { FeedbackStoreError } from "./errors.ts";
import { feedbackFile, openSqliteFeedbackStore } from "./sqlite-store.ts";
import type { FeedbackStore } from "./store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BotFeedback {
  /** undefined when the database could not be opened: the bot answers without votes */
  store: FeedbackStore | undefined;
  /** stops the daily clean-up and closes the database */
  close(): void;
}

/**
 * Opens the feedback database for the bot and deletes expired rows once a day. A damaged or
 * unwritable database is reported once, naming its path, and the bot goes on answering without
 * feedback rather than crash (and be restarted into the same failure).
 */
export function openFeedbackForBot(config: Pick<Config, "dataDir" | "feedbackRetentionDays">, logger: Logger): BotFeedback {
  const file = feedbackFile(config.dataDir);
  let store: FeedbackStore;
  try {
    store = openSqliteFeedbackStore({ file, retentionDays: config.feedbackRetentionDays });
  } catch (error) {
    if (!(error instanceof FeedbackStoreError)) throw error;
    logger.error({ file: error.file, reason: error.reason }, error.message);
    return { store: undefined, close: () => undefined };
  }
  logger.info({ file, retentionDays: config.feedbackRetentionDays }, "feedback database open");
  const purge = setInterval(() => {
    try {
      const purged = store.purgeExpired();
      if (purged.votes + purged.declined > 0) logger.info(purged, "expired feedback deleted");
    } catch (error) {
      logger.warn({ err: error }, "could not delete expired feedback");
    }
  }, DAY_MS);
  purge.unref();
  return {
    store,
    close: () => {
      clearInterval(purge);
      store.close();
    },
  };
}

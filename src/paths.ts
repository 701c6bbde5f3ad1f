import { fileURLToPath } from "node:url";

/** The knowledge folder that ships with the bot, wherever it is started from. */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL("../knowledge", import.meta.url));

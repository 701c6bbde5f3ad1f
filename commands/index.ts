import { about } from "./about.ts";
import { ask } from "./ask.ts";
import { checkAgainstArticle } from "./check-against-article.ts";
import { facts } from "./facts.ts";
import { kb } from "./kb.ts";
import { postSummary } from "./post-summary.ts";
import { summary } from "./summary.ts";

/** Every command the bot has: the deploy script registers these, the router handles these. */
export const commands = [ask, summary, postSummary, facts, about, kb, checkAgainstArticle] as const;

export type CommandName = (typeof commands)[number]["name"];

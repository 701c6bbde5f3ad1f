import type { AskResult, Engine } from "../../engine/engine.ts";
import type { BotContext } from "../context.ts";
import { answerReply, type Reply } from "../replies/answer.ts";
import { NOTES } from "../replies/notes.ts";

export type QuestionOutcome = { kind: "reply"; reply: Reply; result: AskResult } | { kind: "note"; note: string };

export interface Asker {
  userId: string;
  /** null in direct messages */
  guildId: string | null;
  /** one article's id, or undefined for all */
  article?: string | undefined;
}

/**
 * One question from anyone, by any route: cooldown, input check, then the engine's answer. A
 * declined question is remembered for /kb gaps; if that fails, the answer goes out all the same.
 */
export function answerQuestion(question: string, asker: Asker, ctx: BotContext, engine: Engine = ctx.engine): QuestionOutcome {
  const cooldown = ctx.cooldown.take(asker.userId);
  if (!cooldown.ok) {
    ctx.metrics?.questionAsked("cooldown");
    return { kind: "note", note: NOTES.cooldown(cooldown) };
  }
  const started = performance.now();
  const result = engine.ask(question, { article: asker.article });
  if (result.status === "invalid") {
    ctx.metrics?.questionAsked("invalid", (performance.now() - started) / 1000);
    return { kind: "note", note: result.message };
  }
  ctx.logger.info({ answered: result.answered, confidence: result.confidence, fact: result.sources[0]?.factId }, "question");
  if (result.status === "declined" && ctx.feedback) {
    try {
      ctx.feedback.recordDeclined({ question: result.question, guildId: asker.guildId });
    } catch (error) {
      ctx.logger.warn({ err: error }, "could not record a declined question");
    }
  }
  const reply = answerReply(result, { votes: ctx.feedback !== undefined });
  ctx.metrics?.questionAsked(result.status, (performance.now() - started) / 1000);
  return { kind: "reply", reply, result };
}

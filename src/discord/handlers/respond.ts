import type { AskResult } from "../../engine/engine.ts";
import type { BotContext } from "../context.ts";
import { answerReply, type Reply } from "../replies/answer.ts";
import { NOTES } from "../replies/notes.ts";

export type QuestionOutcome = { kind: "reply"; reply: Reply; result: AskResult } | { kind: "note"; note: string };

/** One question from anyone, by any route: cooldown, input check, then the engine's answer. */
export function answerQuestion(question: string, userId: string, ctx: BotContext): QuestionOutcome {
  const cooldown = ctx.cooldown.take(userId);
  if (!cooldown.ok) return { kind: "note", note: NOTES.cooldown(cooldown) };
  const result = ctx.engine.ask(question);
  if (result.status === "invalid") return { kind: "note", note: result.message };
  ctx.logger.info({ answered: result.answered, confidence: result.confidence, fact: result.sources[0]?.factId }, "question");
  return { kind: "reply", reply: answerReply(result), result };
}

export const MAX_QUESTION_LENGTH = 500;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reason: "empty" | "too-long"; message: string };

/** Rejects what cannot be a question before any matching happens. */
export function checkQuestion(raw: string): QuestionCheck {
  const question = raw.replace(/\s+/g, " ").trim();
  if (question.length === 0) return { ok: false, reason: "empty", message: "Please ask a question about the article." };
  if (question.length > MAX_QUESTION_LENGTH) {
    return {
      ok: false,
      reason: "too-long",
      message: `That question is ${question.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`,
    };
  }
  return { ok: true, question };
}

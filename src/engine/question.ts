export const MAX_QUESTION_LENGTH = 500;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reason: "empty" | "too-long"; message: string };

/** Half a surrogate pair on its own: not valid UTF-8, so it cannot be shown or sent back as is. */
const LONE_SURROGATE = /\p{Cs}/gu;
/** Invisible format characters (zero-width spaces and joiners, direction marks and overrides, soft hyphens, BOM). */
const INVISIBLE = /\p{Cf}/gu;
const CONTROL_OR_SPACE = /[\p{Cc}\s]+/gu;
/** Discord mention syntax: users, roles, channels, slash commands, @everyone and @here. None of it is part of a question. */
const MENTION = /<@[!&]?\d+>|<#\d+>|<\/[-_ \p{L}\p{N}]{1,100}:\d+>|@(?:everyone|here)\b/gu;

/**
 * The question as it will be matched and shown: lone surrogates become U+FFFD, invisible format
 * characters are dropped (so "cease\u200bfire" stays one word), Discord mention syntax is dropped,
 * control characters and runs of white space become one space.
 */
export function cleanQuestion(raw: string): string {
  return raw.replace(LONE_SURROGATE, "\uFFFD").replace(INVISIBLE, "").replace(MENTION, " ").replace(CONTROL_OR_SPACE, " ").trim();
}

/** Rejects what cannot be a question before any matching happens. */
export function checkQuestion(raw: string): QuestionCheck {
  const question = cleanQuestion(raw);
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

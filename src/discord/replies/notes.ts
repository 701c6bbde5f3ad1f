import type { CooldownCheck } from "../cooldown.ts";

/** Short plain texts the bot sends. */
export const NOTES = {
  howTo: "Ask me about the article: mention me with a question, like `@me when was NATO founded?`, or use `/ask`.",
  somethingWentWrong: "Something went wrong on my side, sorry. Please try again in a moment.",
  guildOnly: "This command works in a server, not in direct messages.",
  unknownCommand: "I don't know that command any more. Try `/about`.",
  factGone: "That fact is no longer in my knowledge base. Try `/ask` again.",
  noText: "That message has no text I can check.",
  votesOff: "Votes can't be recorded right now, sorry. The answer stands as it is.",
  moderatorsOnly: "Only members who can manage the server may use /kb.",
  feedbackOff: "Votes and declined questions aren't being recorded: the feedback database could not be opened (the bot's log says why).",
  reloadOff: "This bot runs with fixed knowledge: live reload is off.",
  cooldown: (check: Extract<CooldownCheck, { ok: false }>) =>
    `You're asking quickly. Please wait ${check.retryAfterSeconds} second${check.retryAfterSeconds === 1 ? "" : "s"} and try again.`,
} as const;

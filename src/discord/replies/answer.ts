import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { AskResult } from "../../engine/engine.ts";
import type { QuestionChoice } from "../../engine/autocomplete.ts";
import { encodeButton } from "./custom-ids.ts";
import { LIMITS, plainText, showLine, showUserText, truncate } from "./limits.ts";

export const COLORS = { answer: 0x2f9e44, decline: 0x868e96, info: 0x1c7ed6, warning: 0xe67700 } as const;
export const ONLY_FROM_ARTICLE = "Answers come only from the article.";

export interface Reply {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

export interface AnswerReplyOptions {
  /** add 👍/👎 buttons (when votes can be recorded) */
  votes?: boolean;
}

/** The reply to a question: the answer with its quote(s), or a plain decline with suggestions. */
export function answerReply(result: AskResult, options: AnswerReplyOptions = {}): Reply {
  const title = showUserText(result.question, LIMITS.embedTitle);
  if (!result.answered || result.answer === null) {
    const lines = ["The article doesn't say anything about that."];
    if (result.suggested.length > 0) lines.push("", "It does cover these. Pick one to ask it:");
    return {
      embeds: [{ title, description: lines.join("\n"), color: COLORS.decline, footer: { text: ONLY_FROM_ARTICLE } }],
      components: suggestionRows(result.suggested),
    };
  }
  const sources = result.sources.filter((s, i, all) => all.findIndex((o) => o.factId === s.factId) === i).slice(0, 3);
  const quotes = sources.map((s) => `> ${truncate(showLine(s.quote), 1500)}\n— paragraph ${s.paragraph} of *${truncate(showLine(s.title), 200)}*`);
  const description = truncate([showLine(result.answer), "", ...quotes].join("\n"), LIMITS.embedDescription);
  const sourceButtons: APIButtonComponent[] = sources.map((s) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: sources.length > 1 ? `Show source (paragraph ${s.paragraph})` : "Show source",
    custom_id: encodeButton({ kind: "source", factId: s.factId }),
  }));
  const cited = sources[0]?.factId;
  if (options.votes && cited) sourceButtons.push(...voteButtons(cited));
  return {
    embeds: [
      {
        title,
        description,
        color: COLORS.answer,
        footer: { text: `Confidence ${Math.round(result.confidence * 100)}% · ${ONLY_FROM_ARTICLE}` },
      },
    ],
    components: [
      ...(sourceButtons.length > 0 ? [{ type: ComponentType.ActionRow as const, components: sourceButtons }] : []),
      ...suggestionRows(result.suggested),
    ],
  };
}

/** 👍 and 👎 on an answer; each person's vote counts once and can be changed. */
function voteButtons(factId: string): APIButtonComponent[] {
  return (["up", "down"] as const).map((vote) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    emoji: { name: vote === "up" ? "👍" : "👎" },
    custom_id: encodeButton({ kind: "vote", vote, factId }),
  }));
}

/** Up to three questions as buttons that ask them. */
export function suggestionRows(suggested: readonly QuestionChoice[]): APIActionRowComponent<APIButtonComponent>[] {
  if (suggested.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: suggested
        .filter((s, i, all) => all.findIndex((o) => o.factId === s.factId) === i)
        .slice(0, 3)
        .map((s) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: plainText(s.question, LIMITS.buttonLabel) || "Ask",
          custom_id: encodeButton({ kind: "ask", factId: s.factId }),
        })),
    },
  ];
}

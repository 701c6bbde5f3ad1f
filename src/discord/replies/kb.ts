import { escapeMarkdown, type APIEmbed } from "discord.js";
import type { GapsReport } from "../../feedback/gaps.ts";
import type { KnowledgeStatus, ReloadOutcome } from "../../knowledge/live.ts";
import { COLORS } from "./answer.ts";
import { LIMITS, showUserText, truncate } from "./limits.ts";

/** Problems shown in one reply; the log has them all. */
const SHOWN_PROBLEMS = 8;

const when = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:R>`;

function problemLines(problems: readonly string[]): string {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `• ${escapeMarkdown(truncate(p, 300))}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(`• and ${problems.length - SHOWN_PROBLEMS} more (see the bot's log, or run \`npm run kb:check\`)`);
  return shown.join("\n");
}

/** The result of /kb reload. */
export function reloadEmbed(outcome: ReloadOutcome): APIEmbed {
  if (outcome.ok) {
    return {
      title: "Knowledge reloaded",
      description: `${outcome.articles} article${outcome.articles === 1 ? "" : "s"}, ${outcome.facts} facts, in ${outcome.ms} ms. New questions are answered from it now.`,
      color: COLORS.answer,
    };
  }
  return {
    title: "Reload rejected: still answering from the last good knowledge",
    description: truncate(`Fix these and reload again:\n${problemLines(outcome.problems)}`, LIMITS.embedDescription),
    color: COLORS.warning,
  };
}

/** /kb status. */
export function statusEmbed(status: KnowledgeStatus): APIEmbed {
  const fields = [
    { name: "Loaded", value: `${status.articles} article${status.articles === 1 ? "" : "s"}, ${status.facts} facts (${status.drafts} drafts) ${when(status.loadedAt)}`, inline: false },
    { name: "Live reload", value: status.watching ? "on: changes to the knowledge folder are picked up by themselves" : "off: use `/kb reload` after a change", inline: false },
    {
      name: "Last reload",
      value: truncate(
        `${status.last.ok ? "✅ good" : "❌ rejected"} ${when(status.last.at)} (${escapeMarkdown(truncate(status.last.reason, 100))})${status.reloading ? "; another is running now" : ""}`,
        LIMITS.fieldValue,
      ),
      inline: false,
    },
  ];
  if (status.lastFailure) {
    fields.push({ name: `Problems ${status.last.ok ? "in an earlier reload (since fixed)" : "that kept the last reload out"}`, value: truncate(problemLines(status.lastFailure.problems), LIMITS.fieldValue), inline: false });
  }
  return { title: "Knowledge status", color: status.last.ok ? COLORS.info : COLORS.warning, fields };
}

/** /kb gaps: what people asked that the bot declined, and the answers they voted down. */
export function gapsEmbed(report: GapsReport, answerOf: (factId: string) => string | undefined): APIEmbed {
  const declined = report.declined.map((g, i) => {
    const also = g.variants.length > 0 ? `\n  also: ${g.variants.slice(0, 2).map((v) => `“${showUserText(v, 80)}”`).join(", ")}` : "";
    return `${i + 1}. “${showUserText(g.question, 150)}” ×${g.count}${also}`;
  });
  const disliked = report.disliked.map((d, i) => {
    const answer = answerOf(d.factId);
    const what = answer ? `${escapeMarkdown(truncate(answer.replace(/^According to the article, /, ""), 100))} (\`${d.factId}\`)` : `\`${d.factId}\` (no longer in the knowledge)`;
    return `${i + 1}. ${what}: 👎 ${d.down} · 👍 ${d.up}, e.g. asked “${showUserText(d.question, 100)}”`;
  });
  const nothing = report.recorded.declined === 0 && report.recorded.votes === 0;
  return {
    title: "Knowledge gaps",
    color: COLORS.info,
    description: nothing ? "Nothing recorded yet: no declined questions and no votes." : undefined,
    fields: nothing
      ? []
      : [
          { name: "Most-asked questions I declined", value: truncate(declined.join("\n") || "None.", LIMITS.fieldValue), inline: false },
          { name: "Answers with the most 👎", value: truncate(disliked.join("\n") || "None.", LIMITS.fieldValue), inline: false },
        ],
    footer: { text: `${report.recorded.declined} declined questions and ${report.recorded.votes} votes on record. Add facts or alternate questions to close a gap.` },
  };
}

import type { GapsReport } from "./gaps.ts";

/** Where the report came from, for its heading. */
export interface GapsScope {
  file: string;
  guildId?: string | undefined;
}

/** The gaps report as plain text for a terminal, saying plainly when there is nothing in it. */
export function formatGapsText(report: GapsReport, scope: GapsScope): string {
  const where = scope.guildId ? `server ${scope.guildId}` : "all servers";
  const lines = [`Feedback gaps for ${where} (${scope.file})`, ""];
  const { declined, votes } = report.recorded;
  if (declined === 0 && votes === 0) {
    lines.push("Nothing recorded yet: no declined questions and no votes.");
    return lines.join("\n");
  }

  lines.push(`Questions the bot declined, the most asked first (${plural(declined, "question")} recorded):`);
  if (report.declined.length === 0) lines.push("  none");
  report.declined.forEach((group, i) => {
    lines.push(`  ${i + 1}. ${oneLine(group.question)}  (asked ${plural(group.count, "time")})`);
    if (group.variants.length > 0) lines.push(`     also: ${group.variants.map((v) => `"${oneLine(v)}"`).join(", ")}`);
  });

  lines.push("", `Answers with the most 👎 (${plural(votes, "vote")} recorded):`);
  if (report.disliked.length === 0) lines.push("  none");
  report.disliked.forEach((answer, i) => {
    lines.push(`  ${i + 1}. ${answer.factId}  👎 ${answer.down}  👍 ${answer.up}`);
    lines.push(`     e.g. "${oneLine(answer.question)}"`);
  });
  return lines.join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Questions come from users: one line each, control characters dropped. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

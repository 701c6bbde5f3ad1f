import type Database from "better-sqlite3";
import { z } from "zod";
import { groupQuestions, type GapsOptions, type GapsReport } from "./gaps.ts";

/** Declined questions looked at for the gaps report: the most asked, then the latest. */
export const MAX_GAP_ROWS = 2000;

const count = z.number().int().min(0);
const questionCountRowsSchema = z.array(z.object({ question: z.string(), count }));
const dislikedRowsSchema = z.array(z.object({ factId: z.string(), up: count, down: count, question: z.string() }));
const totalsRowSchema = z.object({ declined: count, votes: count });
const gapsOptionsSchema = z.object({
  guildId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).default(10),
  since: z.date().optional(),
});

/** The gaps report's three queries, prepared on a database (read-only is enough). */
export function prepareGaps(db: Database.Database) {
  return {
    declinedCounts: db.prepare(
      `SELECT question, count(*) AS count FROM declined
       WHERE (@guild IS NULL OR guild_id = @guild) AND asked_at >= @since
       GROUP BY question ORDER BY count DESC, max(asked_at) DESC, question ASC LIMIT ${MAX_GAP_ROWS}`,
    ),
    disliked: db.prepare(
      `SELECT fact_id AS factId, count(*) FILTER (WHERE vote = 1) AS up, count(*) FILTER (WHERE vote = -1) AS down,
         (SELECT d.question FROM votes d
          WHERE d.fact_id = v.fact_id AND d.vote = -1 AND (@guild IS NULL OR d.guild_id = @guild) AND d.voted_at >= @since
          ORDER BY d.voted_at DESC, d.rowid DESC LIMIT 1) AS question
       FROM votes v
       WHERE (@guild IS NULL OR guild_id = @guild) AND voted_at >= @since
       GROUP BY fact_id HAVING down > 0
       ORDER BY down DESC, up ASC, fact_id ASC LIMIT @limit`,
    ),
    totals: db.prepare(
      `SELECT (SELECT count(*) FROM declined WHERE (@guild IS NULL OR guild_id = @guild) AND asked_at >= @since) AS declined,
              (SELECT count(*) FROM votes WHERE (@guild IS NULL OR guild_id = @guild) AND voted_at >= @since) AS votes`,
    ),
  };
}

export type GapsStatements = ReturnType<typeof prepareGaps>;

/** The report, read in one transaction so the three queries see the same moment. */
export function queryGaps(db: Database.Database, statements: GapsStatements, options: GapsOptions = {}): GapsReport {
  const o = gapsOptionsSchema.parse(options);
  const scope = { guild: o.guildId ?? null, since: o.since?.getTime() ?? Number.MIN_SAFE_INTEGER };
  const rows = db.transaction(() => ({
    declined: questionCountRowsSchema.parse(statements.declinedCounts.all(scope)),
    disliked: dislikedRowsSchema.parse(statements.disliked.all({ ...scope, limit: o.limit })),
    recorded: totalsRowSchema.parse(statements.totals.get(scope)),
  }))();
  return { ...rows, declined: groupQuestions(rows.declined, { maxRows: MAX_GAP_ROWS }).slice(0, o.limit) };
}

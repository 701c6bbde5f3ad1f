import Database from "better-sqlite3";
import { z } from "zod";
import type { GapsOptions, GapsReport } from "./gaps.ts";
import { prepareGaps, queryGaps } from "./gaps-query.ts";
import { SCHEMA_VERSION } from "./schema.ts";

/** The report could not be read from that file; the message says why, for a terminal. */
export class ReportReadError extends Error {
  override name = "ReportReadError";
}

const tablesSchema = z.array(z.object({ name: z.string() }));
const versionSchema = z.number().int().min(0);
const FEEDBACK_TABLES = ["meta", "votes", "declined"];

/**
 * The gaps report, read from a feedback database without changing it: the file is opened
 * read-only, nothing is created, migrated, purged or switched to WAL. A file that is not the bot's
 * feedback database (empty, another program's, not SQLite at all) is named as such.
 */
export function readGapsReport(file: string, options: GapsOptions = {}): GapsReport {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    const tables = new Set(tablesSchema.parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).map((t) => t.name));
    const missing = FEEDBACK_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new ReportReadError(
        tables.size === 0
          ? `${file} is not a feedback database: it is empty. The bot creates its database in DATA_DIR when it first records a vote or a declined question.`
          : `${file} is not a feedback database: it has no ${missing.join(", ")} table${missing.length === 1 ? "" : "s"}. Point --data at the bot's data folder.`,
      );
    }
    const version = versionSchema.parse(db.pragma("user_version", { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new ReportReadError(`${file} was written by a newer version of the bot (schema ${version}; this one reads ${SCHEMA_VERSION}). Run the newer version's report.`);
    }
    return queryGaps(db, prepareGaps(db), options);
  } catch (error) {
    if (error instanceof ReportReadError) throw error;
    const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
    if (code.startsWith("SQLITE_NOTADB")) throw new ReportReadError(`${file} is not a feedback database: it is not an SQLite file.`, { cause: error });
    if (code.startsWith("SQLITE_CORRUPT")) throw new ReportReadError(`${file} is damaged (${firstLine(error)}). Move it aside; the bot starts a new one.`, { cause: error });
    throw new ReportReadError(`${file} could not be read: ${firstLine(error)}.`, { cause: error });
  } finally {
    db?.close();
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? text).replace(/\.$/, "");
}

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { readGapsReport, ReportReadError } from "../src/feedback/read-report.ts";
import { feedbackFile, openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import { dumpDatabase, feedbackScratch } from "./helpers/feedback-temp.ts";

// `kb gaps` is a report: it reads the database and changes nothing, whoever's file it is given.
const scratch = feedbackScratch();
afterEach(() => scratch.cleanup());

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const DAY_MS = 86_400_000;

describe("readGapsReport: read-only", () => {
  it("leaves another program's database exactly as it was: no tables added, no WAL, and says what it is", () => {
    const file = join(scratch.dir(), "notes.sqlite");
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
    other.close();
    const before = digest(file);
    expect(() => readGapsReport(file)).toThrow(new ReportReadError(`${file} is not a feedback database: it has no meta, votes, declined tables. Point --data at the bot's data folder.`));
    expect(digest(file)).toBe(before);
    expect(readdirSync(join(file, ".."))).toEqual(["notes.sqlite"]); // no -wal, no -shm
  });

  it("leaves an empty file empty and says so", () => {
    const file = join(scratch.dir(), "feedback.sqlite");
    writeFileSync(file, "");
    expect(() => readGapsReport(file)).toThrow(/is not a feedback database: it is empty\./);
    expect(readFileSync(file)).toHaveLength(0);
  });

  it("names a file that is not SQLite at all", () => {
    const file = join(scratch.dir(), "feedback.sqlite");
    writeFileSync(file, "plain text, not a database ".repeat(50));
    expect(() => readGapsReport(file)).toThrow(new ReportReadError(`${file} is not a feedback database: it is not an SQLite file.`));
  });

  it("purges nothing: rows past the retention period are left out of the report but stay in the file", () => {
    const file = feedbackFile(scratch.dir());
    const store = openSqliteFeedbackStore({ file, retentionDays: 365 });
    store.recordDeclined({ question: "asked long ago", guildId: null, at: new Date(Date.now() - 200 * DAY_MS) });
    store.recordDeclined({ question: "asked today", guildId: null });
    store.close();
    const rows = dumpDatabase(file);
    const report = readGapsReport(file, { since: new Date(Date.now() - 90 * DAY_MS) });
    expect(report.declined.map((g) => g.question)).toEqual(["asked today"]);
    expect(report.recorded.declined).toBe(1);
    expect(dumpDatabase(file)).toBe(rows);
    expect(readGapsReport(file).recorded.declined).toBe(2);
  });

  it("refuses a missing file rather than creating one", () => {
    const file = join(scratch.dir(), "nothing-here.sqlite");
    expect(() => readGapsReport(file)).toThrow(ReportReadError);
    expect(existsSync(file)).toBe(false);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";

/** Temporary folders for feedback tests; `cleanup()` in afterEach removes them. */
export function feedbackScratch(): { dir: () => string; cleanup: () => void } {
  const dirs: string[] = [];
  return {
    dir: () => {
      const dir = mkdtempSync(join(tmpdir(), "feedback-"));
      dirs.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table of a database, as JSON text, read with a connection of its own. */
export function dumpDatabase(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = z.array(z.object({ name: z.string() })).parse(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all());
    return JSON.stringify(tables.map(({ name }) => ({ name, rows: db.prepare(`SELECT * FROM "${name}"`).all() })));
  } finally {
    db.close();
  }
}

/** Runs a read on a database file with a connection of its own. */
export function withDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

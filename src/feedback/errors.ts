/**
 * The feedback database could not be opened, read or written. Its message names the file and says
 * what to do in plain words. The bot catches it and goes on answering without feedback; nothing
 * else in the bot throws it, so `instanceof FeedbackStoreError` tells it apart from a bug.
 */
export class FeedbackStoreError extends Error {
  override name = "FeedbackStoreError";

  constructor(
    /** the database file, as it was given */
    readonly file: string,
    /** what went wrong, in a few words ("file is not a database") */
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** SQLite's words for a damaged file (SQLITE_NOTADB, SQLITE_CORRUPT). */
const CORRUPT_CODES = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT"]);

/** The error for a database that could not be opened: a damaged file, or a place it cannot be written. */
export function openFailure(file: string, error: unknown): FeedbackStoreError {
  const reason = reasonOf(error);
  const advice =
    error instanceof DatabaseProblem
      ? error.advice
      : isCorruption(error)
        ? "Move it aside to start a new one"
        : "Check that it and its folder can be created and written to, or set DATA_DIR to a place that can";
  return new FeedbackStoreError(
    file,
    reason,
    `The feedback database ${file} could not be opened: ${reason}. ${advice}; answering goes on without feedback.`,
    { cause: error },
  );
}

/** The error for a read or write that failed on an open database ("could not record the vote"). */
export function useFailure(file: string, action: string, error: unknown): FeedbackStoreError {
  const reason = reasonOf(error);
  const advice = isCorruption(error) ? " Move it aside to start a new one." : "";
  return new FeedbackStoreError(file, reason, `The feedback database ${file} ${action}: ${reason}.${advice}`, { cause: error });
}

/** A problem found by our own checks (quick_check, schema version), with what to do about it. */
export class DatabaseProblem extends Error {
  constructor(
    message: string,
    readonly advice: string,
  ) {
    super(message);
  }
}

function isCorruption(error: unknown): boolean {
  return error instanceof Error && "code" in error && typeof error.code === "string" && CORRUPT_CODES.has(error.code.split("_").slice(0, 2).join("_"));
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? text).replace(/\.$/, "");
}

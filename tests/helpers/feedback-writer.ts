// A child process for the crash test: writes feedback as fast as it can, one transaction per record,
// printing each record's number on its own line once the write has been committed. It stops by
// itself after MAX_RECORDS records or MAX_MS milliseconds, in case nobody kills it.
import { openSqliteFeedbackStore } from "../../src/feedback/sqlite-store.ts";

const MAX_RECORDS = 1_000_000;
const MAX_MS = 20_000;

const file = process.argv[2];
if (!file) throw new Error("usage: feedback-writer.ts FILE");
const store = openSqliteFeedbackStore({ file });
const started = Date.now();
for (let i = 0; i < MAX_RECORDS && Date.now() - started < MAX_MS; i++) {
  if (i % 2 === 0) {
    store.recordVote({ answerId: `answer-${i}`, factId: "fact", userId: `user-${i}`, vote: "down", question: `voted question ${i}`, guildId: "111111111111111111" });
  } else {
    store.recordDeclined({ question: `declined question ${i}`, guildId: null });
  }
  // Standard output to a pipe is written synchronously on Linux: once this returns, the parent can read it.
  process.stdout.write(`${i}\n`);
}
store.close();

import { parseArgs } from "node:util";
import { createEngine } from "../engine/engine.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../paths.ts";
import { formatSummaryText } from "./format.ts";
import { runCli, UsageError } from "./run.ts";

const HELP = `Print an extractive summary of an article: its key sentences, verbatim, each with its paragraph.

Usage:
  npm run summary
  npm run summary -- --topic NATO
  npm run -s summary -- --json

Options:
  --article ID       which article (default: the newest one)
  --topic TEXT       only the points about this topic
  --points N         at most N points (default 8)
  --json             print JSON: {"articleId", "title", "topic", "points": [{"text", "paragraph"}]}
  --knowledge DIR    the knowledge folder (default: the bot's knowledge/)
  -h, --help         this text`;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      article: { type: "string" },
      topic: { type: "string" },
      points: { type: "string", default: "8" },
      json: { type: "boolean", default: false },
      knowledge: { type: "string", default: DEFAULT_KNOWLEDGE_DIR },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const maxPoints = Number(values.points);
  if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > 25) throw new UsageError("--points must be a whole number from 1 to 25");
  const engine = createEngine(loadKnowledge(values.knowledge));
  if (values.article && !engine.article(values.article)) {
    throw new UsageError(`There is no article "${values.article}". Known: ${engine.articles.map((a) => a.id).join(", ")}`);
  }
  const summary = engine.summarize(values.article, { topic: values.topic, maxPoints });
  console.log(values.json ? JSON.stringify(summary) : formatSummaryText(summary));
  return 0;
}, HELP);

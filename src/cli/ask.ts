import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createEngine, unknownArticle, type AskResult, type Engine } from "../engine/engine.ts";
import { checkQuestion } from "../engine/question.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../paths.ts";
import { formatAnswerText, toAskJson } from "./format.ts";
import { runCli, UsageError } from "./run.ts";

const HELP = `Ask the article a question, from the terminal.

Usage:
  npm run ask -- "When was NATO founded?"          a readable answer with its source
  npm run -s ask -- --json "When was NATO founded?"  one JSON object
  npm run -s ask -- --json < questions.txt          one question per line in, one JSON object per line out (JSONL)
  npm run -s ask < questions.txt                    the same, as readable answers

Options:
  --json             print JSON: {"question", "answered", "answer", "confidence",
                     "sources": [{"article", "title", "paragraph", "quote"}], "suggestions"}
                     "answer" is null when the article doesn't say.
  --article ID       ask one article only, by id or title (default: all of them)
  --knowledge DIR    the knowledge folder (default: the bot's knowledge/)
  -h, --help         this text

A question must be 1 to 500 characters. With one question on the command line, an empty
or oversized one prints a message and exits with status 2; on standard input such a line
gets {"answered": false} and the batch goes on.`;

runCli(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      article: { type: "string" },
      knowledge: { type: "string", default: DEFAULT_KNOWLEDGE_DIR },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const engine = createEngine(loadKnowledge(values.knowledge));
  const article = values.article === undefined ? undefined : engine.findArticle(values.article);
  if (values.article !== undefined && !article) throw new UsageError(unknownArticle(values.article, engine.articles));
  const ask = (question: string) => engine.ask(question, { article: article?.id });
  const print = (question: string) => {
    const result = ask(question);
    console.log(values.json ? JSON.stringify(toAskJson(result)) : formatAnswerText(result) + "\n");
    return result;
  };

  if (positionals.length > 0) {
    const question = positionals.join(" ");
    const check = checkQuestion(question);
    if (!check.ok) throw new UsageError(check.message);
    print(question);
    return 0;
  }
  if (process.stdin.isTTY && !values.json) return interactive(engine, ask);
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) print(line);
  return 0;
}, HELP);

async function interactive(engine: Engine, ask: (question: string) => AskResult): Promise<number> {
  console.log(`Ask about "${engine.articles.map((a) => a.title).join('", "')}". An empty line or Ctrl-D quits.`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "ask> " });
  rl.prompt();
  for await (const line of rl) {
    if (!line.trim()) break;
    console.log(formatAnswerText(ask(line)) + "\n");
    rl.prompt();
  }
  rl.close();
  return 0;
}

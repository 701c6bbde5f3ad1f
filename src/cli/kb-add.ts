import { readFileSync, statSync } from "node:fs";
import { basename, relative } from "node:path";
import { parseArgs } from "node:util";
import { KnowledgeError } from "../knowledge/errors.ts";
import { MAX_ARTICLE_BYTES } from "../knowledge/schema.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../paths.ts";
import { UsageError } from "./run.ts";

const HELP = `Add a plain-text article to the knowledge folder.

Usage:
  npm run kb -- add FILE --title "Title" [--id ID] [--knowledge DIR]

Writes knowledge/articles/<id>.txt (the text, unchanged) and knowledge/articles/<id>.yaml (its
title and today's date). The bot answers questions about it from its own sentences as soon as it
loads the folder (a running bot does so by itself); curated facts can be added to the YAML later.

Options:
  --title TEXT       the article's title (required, at most 200 characters)
  --id ID            the article id (default: the title in lower case, words joined by "-")
  --knowledge DIR    the knowledge folder (default: the bot's knowledge/)
  --progress         print each step on standard error (the default in a terminal)
  -h, --help         this text

Refuses, and writes nothing, when the file is missing, empty, over 1 MB or not UTF-8 text, the
title is missing, too long or not one line, or the id is malformed or already used. Nothing is
written until the new files have passed validation; Ctrl-C before then leaves nothing behind.`;

/** `npm run kb -- add FILE --title "…"`: exit 0 when written, 2 for bad usage, 1 when the folder would not validate, 130 when interrupted. */
export async function kbAdd(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: "string" },
      id: { type: "string" },
      knowledge: { type: "string", default: DEFAULT_KNOWLEDGE_DIR },
      progress: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`Which article? Give the text file.\n\n${HELP}`);
  if (extra.length > 0) throw new UsageError(`One article at a time; unexpected: ${extra.join(" ")}\n\n${HELP}`);
  if (values.title === undefined) throw new UsageError(`The title is missing: add --title "…".\n\n${HELP}`);
  const text = readArticle(file);

  const { addArticle, AddInterruptedError, ArticleInputError } = await import("../knowledge/add-article.ts");
  // Ctrl-C (or a SIGTERM) stops the add at its next step, with nothing written.
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const progress = (step: string) => {
    if (values.progress || process.stderr.isTTY) process.stderr.write(`${step[0]?.toUpperCase()}${step.slice(1)}…\n`);
  };
  let result;
  try {
    result = await addArticle({
      knowledgeDir: values.knowledge,
      text,
      title: values.title,
      id: values.id,
      source: basename(file),
      signal: interrupt.signal,
      onStep: progress,
    });
  } catch (error) {
    if (error instanceof AddInterruptedError) {
      console.error(error.message);
      return 130;
    }
    if (error instanceof ArticleInputError) throw new UsageError(error.message);
    if (error instanceof KnowledgeError) {
      console.error(`The new article did not validate, so nothing was added:\n- ${error.problems.join("\n- ")}`);
      return 1;
    }
    throw error;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  const shown = (path: string) => relative(process.cwd(), path) || path;
  console.log(`Added "${values.title.trim()}" as ${result.id}:`);
  console.log(`  ${shown(result.textFile)}  (${result.paragraphs} paragraphs, ${result.sentences} sentences, text unchanged)`);
  console.log(`  ${shown(result.yamlFile)}  (title and date; no facts yet)`);
  console.log("The bot answers from the article's sentences as soon as it loads the folder. Try: npm run ask -- --article " + result.id + ' "…"');
  return 0;
}

/** The file's text, decoded as UTF-8 exactly as it is (a byte-order mark kept); refuses a missing, empty or binary file. */
function readArticle(file: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_ARTICLE_BYTES) {
      throw new UsageError(`${file} is ${size.toLocaleString("en-US")} bytes; an article may be at most ${MAX_ARTICLE_BYTES.toLocaleString("en-US")} (1 MB). Split it into parts.`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new UsageError(code === "ENOENT" ? `There is no file ${file}.` : code === "EISDIR" ? `${file} is a folder, not a text file.` : `Cannot read ${file}: ${String(error)}`);
  }
  if (bytes.includes(0)) throw new UsageError(`${file} is not a plain-text file (it holds binary data).`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not UTF-8 text.`);
  }
  if (!text.replace(/^\uFEFF/, "").trim()) throw new UsageError(`${file} is empty.`);
  return text;
}

import { parseArgs } from "node:util";
import { loadKnowledge } from "../knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../paths.ts";
import { runCli } from "./run.ts";

const HELP = `Validate the knowledge folder and print a summary.

Usage:
  npm run kb:check [-- --knowledge DIR]

Exits 1 and lists every problem (file, fact id, field) when something is wrong.`;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      knowledge: { type: "string", default: DEFAULT_KNOWLEDGE_DIR },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const kb = loadKnowledge(values.knowledge);
  const questions = kb.facts.reduce((n, f) => n + f.questions.length, 0);
  const entities = kb.facts.filter((f) => f.kind === "entity").length;
  const drafts = kb.facts.filter((f) => f.draft).length;
  const terms = kb.synonyms.reduce((n, g) => n + g.length, 0);
  console.log("knowledge OK");
  for (const article of kb.articles) {
    const facts = kb.facts.filter((f) => f.articleId === article.id);
    const cited = new Set(facts.map((f) => f.paragraph));
    console.log(`  ${article.id}: "${article.title}"`);
    console.log(`    ${article.paragraphs.length} paragraphs (${cited.size} cited), ${facts.length} facts`);
  }
  console.log(`  articles: ${kb.articles.length}`);
  console.log(`  facts: ${kb.facts.length} (${entities} entity, ${drafts} draft)`);
  console.log(`  alternate questions: ${questions}`);
  console.log(`  synonym groups: ${kb.synonyms.length} (${terms} terms)`);
  return 0;
}, HELP);

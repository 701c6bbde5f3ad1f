import type { Engine } from "../../engine/engine.ts";
import type { Article } from "../../knowledge/load.ts";
import { showUserText } from "../replies/limits.ts";

export type ArticleChoice = { ok: true; article: Article | undefined } | { ok: false; note: string };

/**
 * The `article:` option as typed or picked: autocomplete sends the id, but a person may type a
 * title. Absent means every article (for /ask) or the newest (for summaries).
 */
export function chooseArticle(engine: Engine, value: string | undefined): ArticleChoice {
  if (value === undefined || value.trim() === "") return { ok: true, article: undefined };
  const article = engine.findArticle(value);
  if (article) return { ok: true, article };
  const titles = [...engine.articles].reverse().map((a) => `• ${showUserText(a.title, 120)}`);
  return {
    ok: false,
    note: [`There is no article "${showUserText(value, 80)}". Pick one from the list as you type, or leave it out. The articles:`, ...titles]
      .join("\n")
      .slice(0, 1900),
  };
}

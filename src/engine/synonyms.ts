/** One word of a text on its way to tokens: its stem, and whether it carries content (not a stop word). */
export interface MarkedToken {
  token: string;
  content: boolean;
}

/**
 * Rewrites synonym phrases to their group's canonical form. An alias is matched on the text's
 * whole word sequence, stop words included, so "set up" matches "set up" and not every "set",
 * and "turn down" not every "turn". The canonical form is emitted as content tokens only. Both
 * sides go through the same analysis as the text, so aliases and text always agree.
 */
export class SynonymMap {
  /** first token of an alias → the aliases that start with it, longest first */
  private readonly byFirst = new Map<string, Array<{ alias: string[]; canonical: string[] }>>();
  /** every content token that occurs in a group, for typo correction */
  readonly aliasTokens = new Set<string>();

  /**
   * `sequence(phrase)` gives a phrase's stemmed words with stop words marked; a group's first
   * phrase is its canonical form.
   */
  constructor(groups: readonly (readonly string[])[], sequence: (phrase: string) => MarkedToken[]) {
    const rewrites = new Map<string, { alias: string[]; canonical: string[] }>();
    for (const group of groups) {
      const [first, ...others] = group.map(sequence);
      if (!first) continue;
      const canonical = contentOf(first);
      if (canonical.length === 0) continue;
      for (const token of canonical) this.aliasTokens.add(token);
      for (const marked of [first, ...others]) {
        const alias = marked.map((m) => m.token);
        if (contentOf(marked).length === 0) continue;
        for (const token of contentOf(marked)) this.aliasTokens.add(token);
        if (alias.join(" ") === canonical.join(" ")) continue;
        rewrites.set(alias.join(" "), { alias, canonical });
      }
    }
    this.index(rewrites.values());
    // A canonical phrase may hold another group's alias ("european union" holds "european"): rewrite it too.
    const resolved = [...rewrites.values()].map(({ alias, canonical }) => ({ alias, canonical: this.rewrite(canonical.map((token) => ({ token, content: true }))) }));
    this.index(resolved);
  }

  private index(entries: Iterable<{ alias: string[]; canonical: string[] }>): void {
    this.byFirst.clear();
    for (const entry of entries) {
      const first = entry.alias[0] ?? "";
      const list = this.byFirst.get(first) ?? [];
      list.push(entry);
      list.sort((a, b) => b.alias.length - a.alias.length);
      this.byFirst.set(first, list);
    }
  }

  /** Greedy longest-match rewrite, left to right; returns the content tokens. */
  rewrite(tokens: readonly MarkedToken[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      const here = tokens[i] as MarkedToken;
      const match = this.byFirst.get(here.token)?.find(({ alias }) => alias.every((t, k) => tokens[i + k]?.token === t));
      if (match) {
        out.push(...match.canonical);
        i += match.alias.length;
      } else {
        if (here.content) out.push(here.token);
        i++;
      }
    }
    return out;
  }
}

function contentOf(marked: readonly MarkedToken[]): string[] {
  return marked.filter((m) => m.content).map((m) => m.token);
}

/**
 * Rewrites synonym phrases to their group's canonical form. Works on token sequences that have
 * already been through the same analysis as the text, so aliases and text always agree.
 */
export class SynonymMap {
  /** alias token sequence joined by " " → canonical tokens */
  private readonly rewrites = new Map<string, string[]>();
  /** first token of an alias → the aliases that start with it, longest first */
  private readonly byFirst = new Map<string, Array<{ alias: string[]; canonical: string[] }>>();
  /** every token that occurs in an alias, for typo correction */
  readonly aliasTokens = new Set<string>();

  constructor(groups: readonly (readonly string[])[], analyze: (phrase: string) => string[]) {
    for (const group of groups) {
      const [canonical, ...aliases] = group.map(analyze);
      if (!canonical || canonical.length === 0) continue;
      for (const alias of aliases) {
        if (alias.length === 0 || alias.join(" ") === canonical.join(" ")) continue;
        this.rewrites.set(alias.join(" "), canonical);
        for (const token of alias) this.aliasTokens.add(token);
      }
      for (const token of canonical) this.aliasTokens.add(token);
    }
    // A canonical phrase may hold another group's alias ("european union" holds "european"): rewrite it too.
    this.indexAliases();
    for (const [alias, canonical] of this.rewrites) this.rewrites.set(alias, this.rewrite(canonical));
    this.indexAliases();
  }

  private indexAliases(): void {
    this.byFirst.clear();
    for (const [alias, canonical] of this.rewrites) {
      const tokens = alias.split(" ");
      const first = tokens[0] ?? "";
      const list = this.byFirst.get(first) ?? [];
      list.push({ alias: tokens, canonical });
      list.sort((a, b) => b.alias.length - a.alias.length);
      this.byFirst.set(first, list);
    }
  }

  /** Greedy longest-match rewrite, left to right. */
  rewrite(tokens: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as string;
      const match = this.byFirst.get(token)?.find(({ alias }) => alias.every((t, k) => tokens[i + k] === t));
      if (match) {
        out.push(...match.canonical);
        i += match.alias.length;
      } else {
        out.push(token);
        i++;
      }
    }
    return out;
  }
}

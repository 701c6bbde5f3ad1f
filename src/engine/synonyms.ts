/**
 * Rewrites synonym phrases to their group's canonical form. Works on token sequences that have
 * already been through the same analysis as the text, so aliases and text always agree.
 */
export class SynonymMap {
  /** alias token sequence joined by " " → canonical tokens */
  private readonly rewrites = new Map<string, string[]>();
  private longest = 1;
  /** every token that occurs in an alias, for typo correction */
  readonly aliasTokens = new Set<string>();

  constructor(groups: readonly (readonly string[])[], analyze: (phrase: string) => string[]) {
    for (const group of groups) {
      const [canonical, ...aliases] = group.map(analyze);
      if (!canonical || canonical.length === 0) continue;
      for (const alias of aliases) {
        if (alias.length === 0 || alias.join(" ") === canonical.join(" ")) continue;
        this.rewrites.set(alias.join(" "), canonical);
        this.longest = Math.max(this.longest, alias.length);
        for (const token of alias) this.aliasTokens.add(token);
      }
      for (const token of canonical) this.aliasTokens.add(token);
    }
    // A canonical phrase may hold another group's alias ("european union" holds "european"): rewrite it too.
    for (const [alias, canonical] of this.rewrites) this.rewrites.set(alias, this.rewrite(canonical));
  }

  /** Greedy longest-match rewrite, left to right. */
  rewrite(tokens: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      let matched = false;
      for (let n = Math.min(this.longest, tokens.length - i); n >= 1; n--) {
        const canonical = this.rewrites.get(tokens.slice(i, i + n).join(" "));
        if (canonical) {
          out.push(...canonical);
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) out.push(tokens[i++] as string);
    }
    return out;
  }
}

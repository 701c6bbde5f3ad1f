import nlp from "compromise";
import { z } from "zod";

/** One word of a paragraph, as compromise tagged it, with where it stands in the paragraph. */
export interface Token {
  /** the word as written, without surrounding punctuation */
  text: string;
  /** compromise's normal form: lower case, no punctuation */
  normal: string;
  tags: ReadonlySet<string>;
  /** punctuation and white space before and after the word, as written */
  pre: string;
  post: string;
  /** offsets of `text` in the paragraph: paragraph.slice(start, end) === text */
  start: number;
  end: number;
}

/** A verb group ("has been awarded"), as token positions in its sentence. */
export interface VerbPhrase {
  first: number;
  last: number;
  auxiliary: string;
  infinitive: string;
  tense: string;
  passive: boolean;
}

export interface ParsedSentence {
  /** 1-based paragraph number */
  paragraph: number;
  /** offsets of the sentence in the paragraph, opening and closing punctuation included */
  start: number;
  end: number;
  /** paragraph.slice(start, end): verbatim */
  text: string;
  tokens: Token[];
  verbs: VerbPhrase[];
}

const verbJsonSchema = z.array(
  z.object({
    offset: z.object({ start: z.number(), length: z.number() }),
    verb: z
      .object({
        auxiliary: z.string().default(""),
        infinitive: z.string().default(""),
        grammar: z.object({ tense: z.string().nullish(), passive: z.boolean().optional() }).partial().default({}),
      })
      .optional(),
  }),
);

/** Punctuation that opens or closes a sentence and belongs to its quote: quote marks, brackets, full stops. */
const OPENING = /[“"‘'(\[]+$/;
const CLOSING = /^[^\s]*/;
/** Where compromise kept two sentences together after a quotation: `workers.” The state …`. */
const END_INSIDE_QUOTE = /[.!?]["”’)]+\s+$/;

/**
 * Splits one paragraph into sentences of tagged words with compromise. Every sentence's `text` is a
 * verbatim slice of the paragraph, so it can be quoted as it stands.
 */
export function parseParagraph(paragraph: string, number: number): ParsedSentence[] {
  const doc = nlp(paragraph);
  const sentences: ParsedSentence[] = [];
  let cursor = 0;
  const groups: Token[][] = [];
  for (const terms of doc.docs) {
    let group: Token[] = [];
    for (const term of terms) {
      const start = cursor + term.pre.length;
      const token: Token = {
        text: term.text,
        normal: term.normal,
        tags: term.tags ?? new Set<string>(),
        pre: term.pre,
        post: term.post,
        start,
        end: start + term.text.length,
      };
      cursor = token.end + term.post.length;
      if (group.length > 0 && endsInsideQuote(group[group.length - 1], token)) {
        groups.push(group);
        group = [];
      }
      group.push(token);
    }
    if (group.length > 0) groups.push(group);
  }
  const verbs = parseVerbs(doc.verbs().json({ offset: true }));
  for (const tokens of groups) {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last || !tokens.some((t) => /[\p{L}\p{N}]/u.test(t.text))) continue;
    const start = first.start - (OPENING.exec(first.pre)?.[0].length ?? 0);
    const end = last.end + (CLOSING.exec(last.post)?.[0].length ?? 0);
    sentences.push({
      paragraph: number,
      start,
      end,
      text: paragraph.slice(start, end),
      tokens,
      verbs: verbs.flatMap((v) => {
        const inside = tokens.flatMap((t, i) => (t.start >= v.start && t.start < v.end ? [i] : []));
        const firstIndex = inside[0];
        const lastIndex = inside[inside.length - 1];
        if (firstIndex === undefined || lastIndex === undefined) return [];
        return [{ first: firstIndex, last: lastIndex, auxiliary: v.auxiliary, infinitive: v.infinitive, tense: v.tense, passive: v.passive }];
      }),
    });
  }
  return sentences;
}

function endsInsideQuote(previous: Token | undefined, next: Token): boolean {
  return previous !== undefined && END_INSIDE_QUOTE.test(previous.post) && /^\p{Lu}/u.test(next.text);
}

function parseVerbs(json: unknown): Array<{ start: number; end: number; auxiliary: string; infinitive: string; tense: string; passive: boolean }> {
  const parsed = verbJsonSchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.map((v) => ({
    start: v.offset.start,
    end: v.offset.start + v.offset.length,
    auxiliary: v.verb?.auxiliary ?? "",
    infinitive: v.verb?.infinitive ?? "",
    tense: v.verb?.grammar.tense ?? "",
    passive: v.verb?.grammar.passive ?? false,
  }));
}

import { z } from "zod";

/** "is missing" when the field is absent, else `problem`. */
const absentOr = (what: string, problem: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${what} is missing` : `${what} ${problem}`;

const text = (what: string) =>
  z.string({ error: absentOr(what, "must be text") }).trim().min(1, { error: `${what} must not be empty` });

/** A keyword or entity. The loader keeps a bare number in a list (1949, 3.10) as the text it was written as. */
const word = (what: string) => text(what);

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (what: string) =>
  text(what)
    .max(90, { error: `${what} must be at most 90 characters` })
    .regex(ID_PATTERN, { error: `${what} must be lower-case letters, digits and single dashes, like "nato-founded-1949"` });

export const MAX_ANSWER_LENGTH = 400;
/** The largest article text the bot takes (1 MB): `kb add` refuses more up front, the loader names the file. */
export const MAX_ARTICLE_BYTES = 1_048_576;
export const MAX_TITLE_LENGTH = 200;
/** Control characters (new lines, tabs, escapes that drive a terminal) have no place in a title. */
export const CONTROL_CHARACTER = /\p{Cc}/u;

export const factSchema = z.strictObject(
  {
    id: id("the fact id"),
    kind: z.enum(["statement", "entity"], { error: 'kind must be "statement" or "entity"' }).default("statement"),
    answer: text("the answer")
      .max(MAX_ANSWER_LENGTH, { error: `the answer must be at most ${MAX_ANSWER_LENGTH} characters` })
      .regex(/^According to the article\b/, { error: 'the answer must start "According to the article"' }),
    quote: text("the quote"),
    paragraph: z.int({ error: absentOr("the paragraph", "must be a whole number") }).min(1, { error: "the paragraph must be 1 or more" }),
    questions: z
      .array(text("a question"), { error: absentOr("the questions", "must be a list") })
      .min(3, { error: "a fact needs at least 3 questions" }),
    keywords: z.array(word("a keyword"), { error: absentOr("the keywords", "must be a list") }).min(1, { error: "a fact needs at least 1 keyword" }),
    entities: z.array(word("an entity"), { error: "entities must be a list" }).default([]),
    draft: z.boolean({ error: "draft must be true or false" }).default(false),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : "a fact must be a mapping of fields") },
);

export const articleFileSchema = z.strictObject(
  {
    id: id("the article id"),
    title: text("the title")
      .max(MAX_TITLE_LENGTH, { error: `the title must be at most ${MAX_TITLE_LENGTH} characters` })
      .refine((t) => !CONTROL_CHARACTER.test(t), { error: "the title must be one line with no control characters" }),
    /** the day the article joined the knowledge base; the newest is the default for /summary */
    added: z
      .union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.iso.date({ error: "added must be a date like 2026-11-28" })], {
        error: "added must be a date like 2026-11-28",
      })
      .optional(),
    facts: z.array(z.unknown(), { error: absentOr("the facts", "must be a list") }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : "the file must be a mapping with id, title, facts and optionally added") },
);

export const synonymsFileSchema = z.strictObject(
  {
    groups: z.array(
      z.array(word("a synonym"), { error: "each group must be a list of words" }).min(2, { error: "a group needs at least 2 terms" }),
      { error: "groups must be a list" },
    ),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : "synonyms.yaml must be a mapping with a groups list") },
);

export type Fact = z.infer<typeof factSchema>;
export type SynonymGroups = z.infer<typeof synonymsFileSchema>["groups"];

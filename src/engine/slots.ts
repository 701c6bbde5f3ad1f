import { foldText } from "./normalize.ts";
import { isCommonWord } from "./word-class.ts";

/**
 * The kinds of answer a question can ask for, and that a sentence can hold:
 * - name: a person or an organisation ("who");
 * - place: a name after "in", "at", "from", … ("where");
 * - date: a year, a month, a day, a century ("when");
 * - number: a count, an amount of money, a percentage ("how many", "how much");
 * - duration: a length of time or distance ("how long");
 * - reason: a cause or a purpose ("why").
 */
export type SlotKind = "name" | "place" | "date" | "number" | "duration" | "reason";

/** One thing in a sentence that could be an answer: its kind and its folded words. */
export interface Slot {
  kind: SlotKind;
  words: string[];
}

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|third|quarter|fifth|tenth";
const TIME_UNITS = "years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|nights?|seasons?|terms?";
const LENGTH_UNITS = "km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|feet|foot|ft|yards?|inches|cm|mm";

const DATE = new RegExp(
  [
    `\\b(?:1[0-9]{3}|20[0-9]{2})s?\\b`,
    `\\b(?:${MONTHS})\\b`,
    `\\b(?:${WEEKDAYS})\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)? (?:${MONTHS})\\b`,
    `\\b(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty first) centur(?:y|ies)\\b`,
    `\\b\\d+ (?:bc|ad|bce|ce)\\b`,
    `\\b(?:yesterday|today|tomorrow|tonight|ago|(?:last|next|this) (?:week|month|year|spring|summer|autumn|winter|season))\\b`,
    `\\b(?:early|mid|late) (?:\\d{4}s?|(?:${MONTHS}))\\b`,
  ].join("|"),
  "g",
);
const DAY_OF_MONTH = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:${MONTHS})\\b|\\b(?:${MONTHS}) \\d{1,2}(?:st|nd|rd|th)?\\b`, "g");
/** Numbers, but not years: "how many" is not answered by "in 1949". */
const NUMBER = new RegExp(`\\b(?:(?!(?:1[0-9]{3}|20[0-9]{2})\\b)\\d+(?: \\d{3})*(?: \\d+)?|${NUMBER_WORDS})\\b(?: percent| (?:${NUMBER_WORDS}))*`, "g");
const DURATION = new RegExp(
  `\\b(?:\\d+|a|an|${NUMBER_WORDS}|several|few|many|some)(?: (?:and a half|more|further|full|extra))? (?:${TIME_UNITS}|${LENGTH_UNITS})\\b|\\b(?:${TIME_UNITS}) long\\b|\\buntil\\b|\\bsince \\d{4}\\b`,
  "g",
);
const REASON =
  /\b(?:because|due to|owing to|thanks to|as a result|result of|since (?!\d)|so that|in order to|in an effort to|aimed at|to (?:prevent|stop|avoid|protect|reduce|help|allow|ensure|secure|counter|end|make|pay|fund|support|keep|meet|cut|save|replace|improve|raise|attract|encourage)|led to|lead to|leading to|caused|causing|therefore|thus|hence|reason|reasons|blamed|after|following|amid|for fear|so as to|which meant|meaning that)\b/g;

/** Words after which a name is a place ("in Lisbon", "near the River Ill"). */
const PLACE_BEFORE = new Set(["in", "at", "from", "near", "to", "into", "across", "outside", "inside", "throughout", "between", "towards", "toward", "around", "along", "off", "on"]);
/** Words that join the parts of one name ("University of Strasbourg", "Vasco da Gama"). */
const NAME_JOINERS = new Set(["of", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van", "von", "der", "den", "al", "bin", "ibn", "y", "&"]);

/** Every slot of a sentence (as written, capitals and all). */
export function findSlots(text: string): Slot[] {
  const slots: Slot[] = [];
  const folded = foldText(text);
  // the day of a date ("14 October") is not a count
  const counted = folded.replace(DAY_OF_MONTH, (match) => match.replace(/\d/g, "_"));
  for (const [kind, pattern, text] of [
    ["date", DATE, folded],
    ["number", NUMBER, counted],
    ["duration", DURATION, folded],
    ["reason", REASON, folded],
  ] as const) {
    for (const match of text.matchAll(pattern)) slots.push({ kind, words: match[0].split(" ") });
  }
  for (const name of findNames(text)) slots.push(name);
  return slots;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/**
 * Names: runs of capitalised words (joined by "of", "de", …), and words in capitals ("NATO").
 * The first word of a sentence counts only when it is not a common English word ("The", "In"),
 * or when the next word is capitalised too. A name after "in", "at", "from", … is also a place.
 */
export function findNames(text: string): Slot[] {
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0], at: m.index ?? 0 }));
  const names: Slot[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i]?.word ?? "";
    if (!isCapitalised(first) || (i === 0 && isCommonWord(first.toLowerCase()) && !isCapitalised(words[1]?.word ?? ""))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length) {
      const w = words[j]?.word ?? "";
      if (isCapitalised(w)) j++;
      else if (NAME_JOINERS.has(w.toLowerCase()) && isCapitalised(words[j + 1]?.word ?? "")) j += 2;
      else break;
      // anything but a space between two words ("Paris. The", "Strasbourg (Greater") ends the name
      const gap = text.slice((words[j - 2]?.at ?? 0) + (words[j - 2]?.word.length ?? 0), words[j - 1]?.at ?? 0);
      if (/\S/.test(gap)) {
        j--;
        break;
      }
    }
    const run = words.slice(i, j).map((w) => w.word);
    // "The" at the start of a name ("The Times") is not part of what identifies it
    while (run.length > 1 && isCommonWord((run[0] ?? "").toLowerCase()) && i === 0) run.shift();
    const foldedWords = foldText(run.join(" ")).split(" ").filter(Boolean);
    if (foldedWords.length > 0) {
      const before = (words[i - 1]?.word ?? "").toLowerCase();
      const beforeThe = (words[i - 2]?.word ?? "").toLowerCase();
      names.push({ kind: "name", words: foldedWords });
      if (PLACE_BEFORE.has(before) || (before === "the" && PLACE_BEFORE.has(beforeThe))) names.push({ kind: "place", words: foldedWords });
    }
    i = j;
  }
  return names;
}

const CALENDAR = new RegExp(`^(?:${MONTHS}|${WEEKDAYS})$`);

/** A capitalised word that can be (part of) a name: not "I", not a month or a weekday. */
function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && word !== "I" && !CALENDAR.test(word.toLowerCase());
}

/** Which slot kinds answer a question, from its folded words; undefined when its wording does not say. */
export function wantedKinds(folded: string): SlotKind[] | undefined {
  // "who is X?", "who was X?": a description, not another name
  if (/^(?:who|what) (?:is|was|are|were) (?:the )?[\p{L}\p{N}]+(?: [\p{L}\p{N}]+){0,2}$/u.test(folded)) return undefined;
  if (/\bhow (?:long )?ago\b|\bsince when\b/.test(folded)) return ["date"];
  if (/\bhow long\b/.test(folded)) return ["duration", "number"];
  if (/\bhow old\b|\bwhat age\b|\bat what age\b/.test(folded)) return ["number", "date"];
  if (/\bhow (?:many|much|big|large|tall|high|far|deep|wide|heavy|fast|often)\b/.test(folded)) return ["number", "duration"];
  if (/\b(?:what|which) (?:is |was |were |are )?(?:the )?(?:percentage|percent|proportion|share|number|amount|population|cost|price|value|total|size|sum|figure|score|rate)\b/.test(folded)) {
    return ["number"];
  }
  if (/\bwhen\b|\b(?:what|which|in what|in which) (?:year|date|day|month|century|decade|time)\b/.test(folded)) return ["date"];
  if (/\bwhy\b|\bhow come\b|\bfor what reason\b|\bwhat (?:caused|causes|cause|led to|leads to|prompted|made)\b|\bwhat (?:was|is|were) the reason\b|\bwhat for\b/.test(folded)) return ["reason"];
  if (/\bwhere\b|\b(?:what|which|in what|in which) (?:city|country|town|village|region|place|state|province|county|island|river|street|area|location|venue|stadium|continent)\b/.test(folded)) {
    return ["place", "name"];
  }
  if (/\b(?:who|whom|whose)\b|\b(?:what|which) (?:company|firm|team|club|organisation|organization|group|party|person|man|woman|player|minister|judge|president|leader|king|queen|emperor|scientist|artist|university|bank|newspaper|body|agency|authority|union|court|regulator)\b/.test(folded)) {
    return ["name"];
  }
  return undefined;
}

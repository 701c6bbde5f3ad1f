/** A span of text: [start, end) offsets. */
export interface Span {
  start: number;
  end: number;
}

const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)";
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
const YEAR = "(?:1[6-9]\\d\\d|20\\d\\d)";
const WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const PART_OF_DAY = "(?:morning|afternoon|evening|night)";
const PERIOD = "(?:week|weekend|month|year|summer|winter|spring|autumn|fall|season|decade|century|morning|afternoon|evening|night)";

/**
 * Dates and times in news prose: "14 October", "March 2025", "February 2020", "Wednesday night",
 * "in 2019", "last summer", "early next year". A month needs a day, a year or a preposition next
 * to it, so the modal "may" and the verb "march" are not dates.
 */
const DATE_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b${DAY} ${MONTH}(?:,? ${YEAR})?(?![\\p{L}\\p{N}])`, "gu"),
  new RegExp(`\\b${MONTH} ${DAY}(?:,? ${YEAR})?(?![\\p{L}\\p{N}])`, "gu"),
  new RegExp(`\\b${MONTH},? ${YEAR}\\b`, "gu"),
  new RegExp(`(?<=\\b(?:in|on|since|from|until|by|of|early|late|mid|last|next|this|before|after|during)[ -])${MONTH}(?![\\p{L}\\p{N}])`, "gu"),
  new RegExp(`\\b${WEEKDAY}(?: ${PART_OF_DAY})?\\b`, "gu"),
  new RegExp(`(?<![\\p{L}\\p{N}£$€.,])${YEAR}s?(?![\\p{L}]|[.,]\\d)`, "gu"),
  new RegExp(`\\b(?:(?:early|late|later|earlier) )?(?:last|next|this|that) ${PERIOD}\\b`, "gu"),
  /\b(?:yesterday|today|tomorrow|tonight)\b/gu,
];

/** The date expressions in a text, as non-overlapping spans in text order (longest wins). */
export function findDates(text: string): Span[] {
  const found: Span[] = [];
  for (const pattern of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      found.push({ start, end: start + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of found) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

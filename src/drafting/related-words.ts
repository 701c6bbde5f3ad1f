import { stem } from "../engine/analyzer.ts";

/**
 * Words that people use for the same thing when they ask about news, in general English (no
 * article's own names). A drafted fact gets the other words of every group its sentence touches
 * as keywords, so "Which company …?" finds a sentence that says "firm", and "How many staff …?"
 * one that says "employs 120 people". Words after ">" are only added, never looked up, because
 * they also mean something else ("runs" a company, "runs" at full capacity). A reviewer removes
 * what does not fit.
 */
const GROUPS: readonly string[] = [
  // organisations and people at work
  "company firm business start-up startup corporation enterprise group maker manufacturer",
  "staff employees workers workforce employ employs employed jobs > work",
  "hire hires hired recruit recruits recruited hiring",
  "boss chief leader director executive ceo > head leads led runs manages",
  "founded founder established > set launched",
  "owner owns > runs",
  "shop café restaurant trader traders > business store",
  "customers clients shoppers",
  "residents locals inhabitants people public community",
  "official officials authorities",
  "spokesperson spokesman spokeswoman",
  "analyst analysts experts expert",
  // money
  "money funding funds fund cash finance financing",
  "cost costs price priced spend spending > expensive cheap cheaper",
  "pay paid fee payment > spend spent",
  "cheap cheaper cheapest inexpensive affordable",
  "worth value valued valuation values",
  "raise raised raising secured",
  "invest invested investment investor investors backer backers stake funding",
  "profit profits earnings revenue sales income turnover",
  "tax taxes credits",
  "prize reward winnings award",
  "grant grants subsidy subsidies aid support help compensation",
  "budget budgets spending",
  "damage damages losses destruction",
  // building and places
  "build built building construct construction constructed > work works",
  "discover discovered discovery uncover uncovered notice noticed spotted detected > found",
  "factory plant facility site",
  "begin begins began start starts started > open opens opening launch",
  "finish finished complete completed completion end ends",
  "close closed closure shut",
  "site location place",
  "stadium ground venue",
  "town city village area",
  "road street",
  "centre center headquarters",
  // numbers and time
  "length kilometres kilometers km miles metres meters > long",
  "years year annual",
  "months month",
  "weeks week",
  "age aged > old",
  "big size large largest biggest",
  "double doubled twice",
  "half halved",
  "watt watts kwh mwh gwh > energy capacity power",
  "kilograms kilogram kg tonnes tons > weight heavy",
  "mph > speed fast",
  "degrees celsius fahrenheit > temperature",
  // events
  "vote voted voting ballot approve approved approval",
  "plan plans planned scheme project proposal",
  "oppose opposed opposition against critic critics criticised criticized object objected",
  "worry worried worries concern concerned concerns fear feared fears",
  "welcome welcomed praise praised",
  "warn warned warning",
  "agree agreed agreement deal",
  "protect protection defend defence defences defense",
  "flood floods flooded flooding",
  "storm storms",
  "rain rainfall",
  "exhibition display show",
  "design designs plans",
  "tree trees planting forest > plant",
  "water river",
  "energy power electricity",
  "battery batteries cell cells",
  "car cars vehicle vehicles",
  "sell sells sold selling sales",
  "market markets",
  "research study studies laboratory lab scientists",
  "university college",
  "student students graduates",
  "competition competitors rivals",
  "engineer engineers",
  // sport
  "win won wins winner winners victory beat beating triumph",
  "lose lost loses defeat defeated",
  "score scored scores goal goals scorer",
  "match game fixture > final tie",
  "fans supporters crowd spectators attendance",
  "manager coach > boss manages runs",
  "captain skipper",
  "goalkeeper keeper",
  "referee ref official",
  "player players striker forward midfielder defender",
  "trophy cup title",
  "club team side",
  "season campaign",
  "parade celebration celebrate",
  "transfer signed signing joined join",
  "sent dismissed",
  // government and public life
  "government ministers minister ministry",
  "council councillors councillor",
  "election elections poll polls vote",
  "party parties",
  "law laws rule rules regulation legislation",
  "police officers",
  "court judge trial prosecutor prosecution prosecuted > case hearing",
  "steal stole stolen stealing theft thefts thief fraud embezzled",
  "repay repaid refund refunded reimbursed compensated > money back",
  "jail jailed prison imprisoned sentenced sentence",
  "victim victims > customers people",
  "hospital hospitals patients doctors nurses",
  "school schools pupils teachers",
];

/** Word stem → the words it brings. In "a b > c d", a and b bring all four; c and d bring nothing (they mean other things too). */
const related = new Map<string, Set<string>>();
for (const group of GROUPS) {
  const [triggers = "", added = ""] = group.split(" > ");
  const words = [...triggers.split(" "), ...added.split(" ")].filter(Boolean);
  for (const word of triggers.split(" ").filter(Boolean)) {
    const key = stem(word.toLowerCase());
    const set = related.get(key) ?? new Set<string>();
    for (const other of words) if (other !== word) set.add(other);
    related.set(key, set);
  }
}

/** The related words of `words` that none of them is already (compared by stem), in a stable order. */
export function relatedWords(words: readonly string[]): string[] {
  const present = new Set(words.map((w) => stem(w.toLowerCase())));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    for (const other of related.get(stem(word.toLowerCase())) ?? []) {
      const key = stem(other);
      if (present.has(key) || seen.has(key)) continue;
      seen.add(key);
      out.push(other);
    }
  }
  return out;
}

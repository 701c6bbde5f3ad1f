/**
 * Everyday English words and phrases that mean the same thing in questions about news and
 * encyclopedia articles: the words a reader types ("CEO", "headquartered", "how many people live")
 * for the words an article uses ("chief executive", "based", "inhabitants"). They apply to every
 * article, with the groups of knowledge/synonyms.yaml; a term that the knowledge folder already
 * groups keeps the knowledge folder's meaning. Only true equivalents belong here: each group
 * makes its words one word for matching, and so does every word with the same stem ("backed"
 * would bring in "back", "authorization" "author"): such words are left out. The first term is
 * the canonical form.
 */
export const ENGLISH_SYNONYMS: readonly (readonly string[])[] = [
  // people and roles
  ["chief executive", "ceo", "chief executive officer", "managing director"],
  ["chief financial officer", "cfo", "finance director", "finance chief"],
  ["chairman", "chairwoman", "chairperson", "chair of the board"],
  ["employees", "employee", "staff", "staffers", "workers", "workforce", "personnel", "employs", "employ", "employed"],
  ["jobs", "job", "roles", "posts"],
  ["spokesman", "spokeswoman", "spokesperson"],
  ["prosecutor", "prosecuting", "prosecution", "prosecuted", "prosecute"],
  ["researchers", "scientists"],
  ["pupils", "students", "schoolchildren"],
  ["children", "kids", "child"],
  ["fans", "spectators"],
  ["attendance", "crowd"],
  ["customers", "clients", "subscribers"],
  // places and organisations
  ["headquarters", "headquartered", "head office", "hq", "based"],
  ["company", "firm"],
  ["shops", "shop", "stores", "store", "outlets"],
  ["located", "situated", "location", "lies"],
  ["population", "inhabitants", "populace", "people live", "people lived", "people living"],
  ["capital city", "capital"],
  // life and death
  ["born", "birth", "birthplace"],
  ["died", "die", "dies", "death", "deaths", "dead", "passed away", "perished", "perish", "lost their lives", "fatalities"],
  ["mother", "mom", "mum", "mummy", "mommy"],
  ["father", "dad", "daddy"],
  ["married", "marry", "marriage", "wed", "wedding"],
  ["injured", "injury", "injuries", "hurt", "wounded"],
  // doing and making
  ["built", "build", "builds", "building work", "construction", "constructed", "construct", "erected"],
  ["bought", "buy", "buys", "buying", "purchase", "purchased", "acquire", "acquired", "acquisition", "takeover", "take over", "took over"],
  ["began", "begin", "begins", "beginning", "start", "started", "starts", "commenced", "commence", "kicked off", "kick off"],
  ["ended", "finish", "finished", "concluded"],
  ["opened", "opening", "reopened", "inaugurated", "inauguration"],
  ["closure", "closed", "shut", "shut down", "closing down"],
  ["repaired", "repair", "repairs", "restored", "restore", "restoration", "renovated", "renovation", "refurbished", "refurbishment"],
  ["destroyed", "destroy", "destruction", "demolished", "demolition"],
  ["discovered", "discovery", "discover", "came to light", "uncovered", "detected"],
  ["invented", "invention", "inventor", "devised", "came up with", "come up with"],
  ["wrote", "written", "write", "writes", "authored"],
  ["named", "called", "known as", "nicknamed", "nickname"],
  ["moved", "relocated", "relocate", "relocation"],
  ["famous", "renowned", "well known", "best known", "celebrated"],
  ["won", "win", "wins", "winning", "winner", "victory", "victorious", "beat", "defeated"],
  ["scored", "score", "goal scorer", "scorer"],
  ["fled", "flee", "flees", "fleeing", "escaped", "escape", "escapes"],
  ["captured", "capture", "caught", "seized", "apprehended"],
  ["executed", "execution", "put to death"],
  ["supervised", "supervise", "supervisor", "supervision", "oversaw", "oversee", "oversees", "overseen"],
  ["hired", "hire", "hiring", "recruited", "recruit", "recruiting", "take on", "taken on"],
  ["managed", "manage", "manages", "management", "run by", "operated by"],
  ["caused", "cause", "causes", "led to", "leads to", "resulted in"],
  ["sank", "sink", "sinking", "sunk", "foundered"],
  ["burglary", "burglaries", "break in", "broke into", "burgled"],
  ["approval", "approve", "approved", "permission"],
  ["bound for", "headed for", "heading for", "destined for"],
  // money and numbers
  ["worth", "value", "valued", "valuation"],
  ["cost", "costs", "price", "priced"],
  ["paid", "pay", "pays", "paying", "payment", "payments"],
  ["funding", "funded", "funds", "financed", "financing"],
  ["profit", "profits", "earnings"],
  ["revenue", "revenues", "turnover"],
  ["fine", "fined", "fines"],
  ["increase", "increased", "rise", "rose", "risen", "rising", "grew", "grow", "growth"],
  ["decrease", "decreased", "decline", "declined", "fell", "dropped", "drop", "reduced", "reduction"],
  ["largest", "biggest"],
  ["smallest", "tiniest"],
  ["tallest", "highest"],
  ["oldest", "earliest"],
  // crime and courts
  ["stole", "steal", "stolen", "stealing", "theft", "thefts", "embezzled", "embezzlement", "embezzle"],
  ["jailed", "jail", "imprisoned", "imprisonment", "prison", "sentenced", "locked up"],
  ["convicted", "found guilty", "conviction"],
  ["arrested", "arrest", "detained", "detention"],
  ["breach", "hack", "hacked", "cyberattack", "cyber attack", "hackers"],
  // war and politics
  ["soldiers", "troops"],
  ["attack", "attacks", "attacked", "assault", "raid", "raids"],
  ["vote", "voted", "votes", "voting", "ballot"],
  // the same word, spelled two ways
  ["organisation", "organization", "organisations", "organizations"],
  ["centre", "center", "centres", "centers"],
  ["programme", "program", "programmes", "programs"],
  ["labour", "labor"],
  ["harbour", "harbor", "harbours", "harbors"],
  ["theatre", "theater"],
  ["metres", "meters", "metre", "meter"],
  ["kilometres", "kilometers", "kilometre", "kilometer", "km"],
  ["colour", "color"],
  ["honour", "honor", "honours", "honors"],
  ["favourite", "favorite"],
  ["neighbourhood", "neighborhood"],
  ["travelled", "traveled", "travelling", "traveling"],
  ["world war ii", "second world war", "ww2", "wwii"],
  ["world war i", "first world war", "ww1", "wwi", "great war"],
];

/**
 * The groups the analyzer uses: the knowledge folder's first, then the everyday ones, less any
 * term that means something already (the same words once analysed: "prison" is taken when the
 * knowledge folder groups "prisoners", which stems alike) and less groups left with one term.
 */
export function withEnglishSynonyms(knowledge: readonly (readonly string[])[], key: (phrase: string) => string): string[][] {
  const taken = new Set(knowledge.flat().map(key));
  const general: string[][] = [];
  for (const group of ENGLISH_SYNONYMS) {
    const kept = group.filter((term) => !taken.has(key(term)));
    for (const term of kept) taken.add(key(term));
    if (kept.length >= 2) general.push(kept);
  }
  return [...knowledge.map((g) => [...g]), ...general];
}

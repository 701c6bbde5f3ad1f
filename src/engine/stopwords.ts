/** Words that carry no content in a question. Question words are kept apart: they tell the expected answer type. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are arent as at be because been before being below between both but by
  can cant could couldnt did didnt do does doesnt doing dont down during each few for from further had hadnt has hasnt have havent
  having he hed hes her here heres hers herself him himself his i id ill im ive if in into is isnt it its itself lets me more most
  mustnt my myself no nor not of off on once only or other ought our ours ourselves out over own same shant she shed shes should
  shouldnt so some such than that thats the their theirs them themselves then there theres these they theyd theyll theyre theyve
  this those through to too under until up very was wasnt we wed well were weve werent what whats when whens where wheres which
  while who whos whom why whys with wont would wouldnt you youd youll youre youve your yours yourself yourselves
  how hows whose will shall may might must also just really actually exactly please pls plz thanks thx ok okay hey hi
  yes yeah anything something everything anyone someone else ever even still get got gets getting
  hello hiya howdy bye goodbye cheers lol lmao haha
  many much share proportion fraction portion amount percentage
  u ur r ya wat wut wht bout abt whats hw y tho cuz coz bc
  tell say said says saying know think thought mean means meant article news story report reported text
  according mentioned mention mentions stated`.split(/\s+/).filter(Boolean),
);

/** Words that are content, but say little about which fact is meant: they weigh less in matching. */
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  `main key primary biggest big major important exactly specific specifically currently current latest recent recently now
  today happen happened happening going thing things stuff kind sort type part way ways like want wants wanted
  situation detail details info information explain describe first last new old lot lots long whole overall
  list name names show give find make made role point points idea ideas problem problems issue issues reason reasons purpose
  summary summarize overview basically generally target targets goal goals aim position stance view views`.split(/\s+/).filter(Boolean),
);

/** Question openers that name the expected kind of answer. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(["what", "when", "where", "who", "whom", "whose", "why", "how", "which"]);

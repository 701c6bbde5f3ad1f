import { Analyzer } from "../src/engine/analyzer.ts";
import { SentenceIndex } from "../src/engine/sentence-index.ts";
import { analyzeForSentences, articleCoverage, FEATURE_NAMES, sentenceFeatures } from "../src/engine/sentence-features.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { foldAnswer, readCorpus, type LabelledQuestion } from "./corpus.ts";
import { choiceProbabilities, fitChoice, fitLogistic, predict, type FittedModel } from "./logistic.ts";

const K = Number(process.env.K ?? 30);
const corpus = readCorpus((process.env.SPLIT ?? "tune") as "tune" | "heldout");
const seed = loadKnowledge("knowledge");
const analyzer = new Analyzer(seed.synonyms);
const together = new SentenceIndex([...seed.articles, ...corpus.map((c) => c.article)], analyzer);
const alone = new Map(corpus.map((c) => [c.article.id, new SentenceIndex([...seed.articles, c.article], analyzer)]));

interface Cand { x: number[]; y: number; text: string }
interface Item { q: LabelledQuestion; cands: Cand[] }
const items: Item[] = [];
for (const { questions } of corpus) for (const q of questions) {
  const index = process.env.ALONE ? alone.get(q.articleId)! : together;
  const a = analyzeForSentences(q.q, index);
  const hits = index.search(a.terms.flatMap((t) => [...(t.id >= 0 ? [{ id: t.id, weight: t.weight / Math.max(index.idf(t.id), 1e-9) }] : []), ...t.relatives.map((r) => ({ id: r, weight: 0.7 * t.weight / Math.max(index.idf(r), 1e-9) }))]), K);
  const top = hits[0]?.sum ?? 0, second = hits[1]?.sum ?? 0;
  const bestArticle = Math.max(0, ...[...new Set(hits.map((h) => index.sentences[h.position]!.articleId))].map((id) => articleCoverage(a, index, id)));
  items.push({ q, cands: hits.map((h, rank) => {
    const sent = index.sentences[h.position]!;
    const y = q.expect && sent.articleId === q.articleId && q.expect.some((e) => foldAnswer(sent.text).includes(foldAnswer(e))) ? 1 : 0;
    return { text: sent.text, y, x: sentenceFeatures(a, index, h.position, { rank, bm25: h.sum, top, second, bestArticle }) };
  }) });
}
const l2 = Number(process.env.L2 ?? 1);
const group = (i: Item) => ({ rows: i.cands.map((c) => c.x), answer: i.cands.findIndex((c) => c.y === 1) });
const rankerFit = (train: Item[]) => fitChoice(train.map(group), { l2 });

/** The ranker's pick for an item, with the verifier's inputs. */
function top(ranker: FittedModel, item: Item): { k: number; v: number[] } {
  const ps = choiceProbabilities(ranker, item.cands.map((c) => c.x));
  const order = ps.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p);
  const k = order[0]?.k ?? -1;
  const p1 = order[0]?.p ?? 0, p2 = order[1]?.p ?? 0;
  const sum = ps.reduce((s, p) => s + p, 0);
  return { k, v: [p1, p1 - p2, p1 / Math.max(sum, 1e-9), sum, ...(item.cands[k]?.x ?? FEATURE_NAMES.map(() => 0))] };
}

const articles = [...new Set(items.map((i) => i.q.articleId))];
const results: Array<{ item: Item; p: number; right: boolean; chosen?: string }> = [];
for (const held of articles) {
  const train = items.filter((i) => i.q.articleId !== held);
  // verifier training data: the ranker's picks on each training article, from a ranker that did not see it
  const vx: number[][] = [], vy: number[] = [];
  for (const inner of [...new Set(train.map((i) => i.q.articleId))]) {
    const r = rankerFit(train.filter((i) => i.q.articleId !== inner));
    for (const item of train.filter((i) => i.q.articleId === inner)) {
      const t = top(r, item);
      if (t.k < 0) continue;
      vx.push(t.v); vy.push(item.cands[t.k]!.y);
    }
  }
  const verifier = fitLogistic(vx, vy, { l2 });
  const ranker = rankerFit(train);
  for (const item of items.filter((i) => i.q.articleId === held)) {
    const t = top(ranker, item);
    const p = t.k >= 0 ? predict(verifier, t.v) : 0;
    results.push({ item, p, right: t.k >= 0 && item.cands[t.k]!.y === 1, chosen: item.cands[t.k]?.text });
  }
}
for (const tau of [0, 0.3, 0.4, 0.5, 0.6, 0.7]) {
  const by = (kind: string) => results.filter((r) => r.item.q.kind === kind);
  const ans = by("answerable");
  const right = ans.filter((r) => r.p >= tau && r.right).length, wrong = ans.filter((r) => r.p >= tau && !r.right).length;
  const off = by("offtopic"), tricky = by("tricky");
  console.log(`tau ${tau}: answerable right ${right}/${ans.length} (${(100*right/ans.length).toFixed(1)}%) wrong ${wrong} (${(100*wrong/ans.length).toFixed(1)}%) | offtopic declined ${off.filter((r) => r.p < tau).length}/${off.length} | tricky declined ${tricky.filter((r) => r.p < tau).length}/${tricky.length}`);
}
for (const [lo, hi] of [[0, 0.2], [0.2, 0.4], [0.4, 0.6], [0.6, 0.8], [0.8, 0.9], [0.9, 1.01]] as const) {
  const bin = results.filter((r) => r.p >= lo && r.p < hi);
  console.log(`p in [${lo}, ${hi}): ${bin.length} answers, right ${bin.filter((r) => r.right).length}`);
}
if (process.env.SHOW) for (const r of results) if (r.item.q.kind === process.env.SHOW && (process.env.SHOW === "answerable" ? r.right && r.p < 0.5 : r.p >= 0.5)) console.log(`${r.p.toFixed(2)} ${r.item.q.q}\n      -> ${r.chosen?.slice(0, 160)}`);
const fresh = new Set(["porto-city", "hanseatic-league", "marovia-budget-vote", "greyfield-marlow-finch-takeover", "galway-soil-antibiotic-corrinacin", "kenbridge-pool-rebuild", "charity-treasurer-fraud-verdict"]);
for (const tau of [0.5, 0.6]) {
  const off = results.filter((r) => r.item.q.kind === "offtopic" && fresh.has(r.item.q.articleId));
  console.log(`new articles' offtopic at ${tau}: declined ${off.filter((r) => r.p < tau).length}/${off.length}`);
  if (process.env.OFF) for (const r of off) if (r.p >= tau) console.log(`  ${r.p.toFixed(2)} ${r.item.q.q} -> ${r.chosen?.slice(0, 120)}`);
}

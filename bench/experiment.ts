import { Analyzer } from "../src/engine/analyzer.ts";
import { SentenceIndex } from "../src/engine/sentence-index.ts";
import { analyzeForSentences, articleCoverage, FEATURE_NAMES, sentenceFeatures } from "../src/engine/sentence-features.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { foldAnswer, readCorpus, type LabelledQuestion } from "./corpus.ts";
import { choiceProbabilities, fitChoice, fitLogistic, predict } from "./logistic.ts";

const K = Number(process.env.K ?? 30);
const split = (process.env.SPLIT ?? "tune") as "tune" | "heldout";
const corpus = readCorpus(split);
const seed = loadKnowledge("knowledge");
const analyzer = new Analyzer(seed.synonyms);
const together = new SentenceIndex([...seed.articles, ...corpus.map((c) => c.article)], analyzer);
const alone = new Map(corpus.map((c) => [c.article.id, new SentenceIndex([...seed.articles, c.article], analyzer)]));
const indexFor = (articleId: string) => (process.env.ALONE ? alone.get(articleId)! : together);
let index = together;

interface Cand { s: number; x: number[]; y: number; text: string }
interface Item { q: LabelledQuestion; cands: Cand[] }
const items: Item[] = [];
let t0 = performance.now();
for (const { questions } of corpus) for (const q of questions) {
  index = indexFor(q.articleId);
  const a = analyzeForSentences(q.q, index);
  const hits = index.search(a.terms.flatMap((t) => [...(t.id >= 0 ? [{ id: t.id, weight: t.weight / Math.max(index.idf(t.id), 1e-9) }] : []), ...t.relatives.map((r) => ({ id: r, weight: 0.7 * t.weight / Math.max(index.idf(r), 1e-9) }))]), K);
  const top = hits[0]?.sum ?? 0, second = hits[1]?.sum ?? 0;
  const bestArticle = Math.max(0, ...[...new Set(hits.map((h) => index.sentences[h.position]!.articleId))].map((id) => articleCoverage(a, index, id)));
  const cands = hits.map((h, rank) => {
    const sent = index.sentences[h.position]!;
    const y = q.expect && sent.articleId === q.articleId && q.expect.some((e) => foldAnswer(sent.text).includes(foldAnswer(e))) ? 1 : 0;
    return { s: h.position, text: sent.text, x: sentenceFeatures(a, index, h.position, { rank, bm25: h.sum, top, second, bestArticle }), y };
  });
  items.push({ q, cands });
}
console.log(`features for ${items.length} questions in ${(performance.now() - t0).toFixed(0)} ms`);
const answerable = items.filter((i) => i.q.expect);
console.log(`recall@${K}: ${answerable.filter((i) => i.cands.some((c) => c.y)).length}/${answerable.length}, @1 bm25: ${answerable.filter((i) => i.cands[0]?.y).length}`);

const l2 = Number(process.env.L2 ?? 1);
const articles = [...new Set(items.map((i) => i.q.articleId))];
const results: Array<{ item: Item; p: number; right: boolean; chosen?: string }> = [];
for (const held of articles) {
  const trainItems = items.filter((i) => i.q.articleId !== held);
  const train = trainItems.flatMap((i) => i.cands);
  const model = process.env.POINTWISE ? fitLogistic(train.map((c) => c.x), train.map((c) => c.y), { l2 }) : fitChoice(trainItems.map((i) => ({ rows: i.cands.map((c) => c.x), answer: i.cands.findIndex((c) => c.y === 1) })), { l2 });
  for (const item of items.filter((i) => i.q.articleId === held)) {
    let best = -1, bp = 0;
    const probs = process.env.POINTWISE ? item.cands.map((c) => predict(model, c.x)) : choiceProbabilities(model, item.cands.map((c) => c.x));
    probs.forEach((p, k) => { if (p > bp) { bp = p; best = k; } });
    results.push({ item, p: bp, right: best >= 0 && item.cands[best]!.y === 1, chosen: item.cands[best]?.text });
  }
}
for (const tau of [0, 0.3, 0.4, 0.5, 0.6, 0.7]) {
  const by = (kind: string) => results.filter((r) => r.item.q.kind === kind);
  const ans = by("answerable");
  const right = ans.filter((r) => r.p >= tau && r.right).length, wrong = ans.filter((r) => r.p >= tau && !r.right).length;
  const off = by("offtopic"), tricky = by("tricky");
  console.log(`tau ${tau}: answerable right ${right}/${ans.length} (${(100*right/ans.length).toFixed(1)}%) wrong ${wrong} (${(100*wrong/ans.length).toFixed(1)}%) | offtopic declined ${off.filter((r) => r.p < tau).length}/${off.length} | tricky declined ${tricky.filter((r) => r.p < tau).length}/${tricky.length}`);
}
// calibration
for (const [lo, hi] of [[0, 0.2], [0.2, 0.4], [0.4, 0.6], [0.6, 0.8], [0.8, 0.9], [0.9, 1.01]] as const) {
  const bin = results.filter((r) => r.p >= lo! && r.p < hi!);
  console.log(`p in [${lo}, ${hi}): ${bin.length} answers, right ${bin.filter((r) => r.right).length}`);
}
const all = items.flatMap((i) => i.cands);
const model = fitLogistic(all.map((c) => c.x), all.map((c) => c.y), { l2 });
FEATURE_NAMES.forEach((n, j) => console.log(`  ${n.padEnd(22)} ${model.weights[j]!.toFixed(3)}`));
if (process.env.SHOW) {
  for (const r of results) if (r.item.q.kind === process.env.SHOW && (process.env.SHOW === "answerable" ? !r.right : r.p >= 0.5)) {
    console.log(`${r.p.toFixed(2)} ${r.right ? "OK " : "BAD"} ${r.item.q.q}  [${r.item.q.expect?.join(" | ")}]\n      -> ${r.chosen?.slice(0, 160)}`);
  }
}
if (process.env.MISSES) {
  const l2b = l2;
  for (const held of articles) {
    const train = items.filter((i) => i.q.articleId !== held).flatMap((i) => i.cands);
    const tr = items.filter((i) => i.q.articleId !== held);
    const m = fitChoice(tr.map((i) => ({ rows: i.cands.map((c) => c.x), answer: i.cands.findIndex((c) => c.y === 1) })), { l2: l2b });
    for (const item of items.filter((i) => i.q.articleId === held && i.q.expect)) {
      const ps = choiceProbabilities(m, item.cands.map((c) => c.x));
      const scored = item.cands.map((c, k) => ({ c, p: ps[k]! })).sort((a, b) => b.p - a.p);
      if (scored[0]?.c.y) continue;
      const good = scored.findIndex((x) => x.c.y);
      console.log(`\nQ: ${item.q.q}   [${item.q.expect?.join(" | ")}]`);
      console.log(`  chose ${scored[0]?.p.toFixed(2)}: ${scored[0]!.c.text.slice(0, 200)}`);
      if (good >= 0) console.log(`  right #${good} ${scored[good]!.p.toFixed(2)}: ${scored[good]!.c.text.slice(0, 200)}`);
      else console.log("  (not retrieved)");
    }
  }
}
if (process.env.LOWRIGHT) for (const r of results) if (r.right && r.p < 0.5) console.log(`${r.p.toFixed(2)} ${r.item.q.q}\n      -> ${r.chosen?.slice(0, 200)}`);

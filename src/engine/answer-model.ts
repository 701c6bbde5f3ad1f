import { readFileSync } from "node:fs";
import { z } from "zod";
import { FEATURE_NAMES, type FeatureName } from "./sentence-features.ts";

/**
 * The learned model that answers from sentences (`npm run train` writes it to answer-model.json):
 * - the ranker, a conditional logit over a question's candidate sentences, picks the sentence
 *   most likely to hold the answer;
 * - the verifier, a logistic regression on the pick (its features and how far ahead of the
 *   others it is), gives the probability that the pick is right: the confidence;
 * - the engine answers when that probability reaches `threshold`, and declines below it.
 */
const linearSchema = z.strictObject({
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

/**
 * The pick's features the verifier reads: the evidence that the sentence holds all the question
 * asks, and nothing that marks it as another question. Fewer than the ranker's, so that each
 * weight keeps a plain meaning (features that move together would share and blur it).
 */
const VERIFIED_FEATURES = [
  "coverageWithContext",
  "coverageOfArticle",
  "behindBestArticle",
  "unknownShare",
  "unknownContentShare",
  "largestMissing",
  "namesMissing",
  "numbersMissing",
  "kindWanted",
  "kindFound",
  "focusMissing",
  "countedHere",
  "generalQuestion",
  "tenseMismatch",
  "yesNo",
  "questionTerms",
] as const satisfies readonly FeatureName[];

/** The verifier's inputs: the ranker's view of the pick, then some of the pick's own features. */
export const VERIFIER_INPUTS = ["pickProbability", "pickScore", "leadOverSecond", ...VERIFIED_FEATURES] as const;
const VERIFIED_AT = VERIFIED_FEATURES.map((name) => FEATURE_NAMES.indexOf(name));

export const MODEL_FORMAT = 1;

export const answerModelSchema = z
  .strictObject({
    format: z.literal(MODEL_FORMAT, { error: `the model format must be ${MODEL_FORMAT}; run npm run train` }),
    /** how many sentences retrieval hands the ranker */
    candidates: z.int().min(1).max(200),
    features: z.array(z.string()),
    ranker: linearSchema,
    verifierInputs: z.array(z.string()),
    verifier: linearSchema,
    /** the confidence an answer needs */
    threshold: z.number().min(0).max(1),
    /** what it was trained on and how it did, for the record (README figures) */
    training: z.record(z.string(), z.unknown()),
  })
  .refine((m) => m.features.join() === FEATURE_NAMES.join(), {
    error: "the model's features are not the engine's (the engine changed since training): run npm run train",
  })
  .refine((m) => m.verifierInputs.join() === VERIFIER_INPUTS.join(), { error: "the model's verifier inputs are not the engine's: run npm run train" })
  .refine((m) => [m.ranker, m.verifier].every((l) => l.mean.length === l.weights.length && l.scale.length === l.weights.length), {
    error: "the model's arrays disagree in length",
  })
  .refine((m) => m.ranker.weights.length === FEATURE_NAMES.length && m.verifier.weights.length === VERIFIER_INPUTS.length, {
    error: "the model's weights do not match its features",
  });

export type AnswerModel = z.infer<typeof answerModelSchema>;
export type LinearModel = z.infer<typeof linearSchema>;

export const MODEL_FILE = new URL("./answer-model.json", import.meta.url);

let shipped: AnswerModel | undefined;

/** The model that ships with the engine (answer-model.json), read and checked once. */
export function shippedModel(): AnswerModel {
  shipped ??= answerModelSchema.parse(JSON.parse(readFileSync(MODEL_FILE, "utf8")));
  return shipped;
}

/** w·x + b, with x standardised as in training. */
export function linearScore(model: LinearModel, row: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < row.length; j++) z += (model.weights[j] ?? 0) * (((row[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The ranker's probability for each candidate; what is left (1 - Σ) is "none of them". */
export function rankerProbabilities(model: LinearModel, rows: readonly (readonly number[])[]): number[] {
  const z = rows.map((row) => linearScore(model, row));
  const top = Math.max(0, ...z);
  const e = z.map((v) => Math.exp(v - top));
  const denominator = Math.exp(-top) + e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / denominator);
}

/** The pick (best candidate) and the verifier's inputs for it; undefined without candidates. */
export function pickOf(ranker: LinearModel, rows: readonly (readonly number[])[]): { index: number; inputs: number[] } | undefined {
  if (rows.length === 0) return undefined;
  const scores = rows.map((row) => linearScore(ranker, row));
  const probabilities = rankerProbabilities(ranker, rows);
  let first = 0;
  for (let k = 1; k < scores.length; k++) if ((scores[k] ?? 0) > (scores[first] ?? 0)) first = k;
  let second = -Infinity;
  for (let k = 0; k < scores.length; k++) if (k !== first) second = Math.max(second, scores[k] ?? 0);
  const lead = second === -Infinity ? 5 : Math.min(5, (scores[first] ?? 0) - second);
  const row = rows[first] ?? [];
  return { index: first, inputs: [probabilities[first] ?? 0, scores[first] ?? 0, lead, ...VERIFIED_AT.map((at) => row[at] ?? 0)] };
}

/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least
 * squares): with a few dozen features it converges in a handful of steps, exactly and
 * repeatably. Features are standardised first; the returned model holds the mean and scale so it
 * applies to raw features.
 */
export interface FittedModel {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function fitLogistic(rows: readonly number[][], labels: readonly number[], options: { l2?: number; sampleWeights?: readonly number[] } = {}): FittedModel {
  const l2 = options.l2 ?? 1;
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const { mean, scale, standard } = standardise(rows);
  const x = rows.map(standard);
  const sw = options.sampleWeights ?? labels.map(() => 1);
  let beta = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number[];
      const p = sigmoid(dot(beta, xi));
      const w = (sw[i] ?? 1) * p * (1 - p);
      const residual = (sw[i] ?? 1) * ((labels[i] ?? 0) - p);
      for (let a = 0; a <= d; a++) {
        gradient[a] = (gradient[a] ?? 0) + residual * (xi[a] ?? 0);
        const row = hessian[a] as number[];
        for (let b = a; b <= d; b++) row[b] = (row[b] ?? 0) + w * (xi[a] ?? 0) * (xi[b] ?? 0);
      }
    }
    const step = newtonStep(gradient, hessian, beta, l2);
    beta = beta.map((v, i) => v + (step[i] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0] ?? 0 };
}

export function predict(model: FittedModel, row: readonly number[]): number {
  let z = model.bias;
  row.forEach((v, j) => (z += (model.weights[j] ?? 0) * ((v - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1))));
  return sigmoid(z);
}

/** Each feature's mean and spread over the rows, and a row standardised with them (a leading 1 for the bias). */
function standardise(rows: readonly number[][]): { mean: number[]; scale: number[]; standard: (row: readonly number[]) => number[] } {
  const n = Math.max(rows.length, 1);
  const d = rows[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
  const scale = Array.from({ length: d }, (_, j) => {
    const variance = rows.reduce((s, r) => s + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, scale, standard: (row) => [1, ...row.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1))] };
}

/**
 * Newton's step for a penalised log-likelihood: the L2 penalty on every weight but the bias
 * (index 0) added to `gradient` and to the upper triangle of `hessian` (the negated second
 * derivative), which is then mirrored and solved.
 */
function newtonStep(gradient: number[], hessian: number[][], beta: readonly number[], l2: number): number[] {
  const d = gradient.length - 1;
  for (let a = 1; a <= d; a++) {
    gradient[a] = (gradient[a] ?? 0) - l2 * (beta[a] ?? 0);
    (hessian[a] as number[])[a] = ((hessian[a] as number[])[a] ?? 0) + l2;
  }
  (hessian[0] as number[])[0] = ((hessian[0] as number[])[0] ?? 0) + 1e-6;
  for (let a = 0; a <= d; a++) for (let b = 0; b < a; b++) (hessian[a] as number[])[b] = (hessian[b] as number[])[a] ?? 0;
  return solve(hessian, gradient);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col]?.[col] ?? 0;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = (a[r]?.[col] ?? 0) / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) (a[r] as number[])[c] = (a[r]?.[c] ?? 0) - factor * (a[col]?.[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

/** One question's candidates (feature rows) and which one is right: an index, or -1 for "none of them". */
export interface ChoiceGroup {
  rows: number[][];
  answer: number;
}

/**
 * A conditional logit with an abstain option: P(candidate j) = exp(w·x_j + b) / (1 + Σ_k exp(w·x_k + b)),
 * and P(none) = 1 / (1 + Σ_k …). Fitted by Newton's method with an L2 penalty on w (not b). It
 * learns to pick the answering sentence among a question's candidates and, at once, how sure to
 * be: the probability of the chosen sentence is the confidence, and "none" wins for a question
 * the article does not answer.
 */
export function fitChoice(groups: readonly ChoiceGroup[], options: { l2?: number } = {}): FittedModel {
  const l2 = options.l2 ?? 1;
  const all = groups.flatMap((g) => g.rows);
  const d = all[0]?.length ?? 0;
  const { mean, scale, standard: toStandard } = standardise(all);
  const standard = groups.map((g) => ({ rows: g.rows.map(toStandard), answer: g.answer }));
  let beta = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < 60; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (const g of standard) {
      const z = g.rows.map((x) => dot(beta, x));
      const top = Math.max(0, ...z);
      const e = z.map((v) => Math.exp(v - top));
      const denominator = Math.exp(-top) + e.reduce((s, v) => s + v, 0);
      const p = e.map((v) => v / denominator);
      const expected = new Array<number>(d + 1).fill(0);
      g.rows.forEach((x, j) => x.forEach((v, a) => (expected[a] = (expected[a] ?? 0) + (p[j] ?? 0) * v)));
      const chosen = g.answer >= 0 ? (g.rows[g.answer] as number[]) : undefined;
      for (let a = 0; a <= d; a++) gradient[a] = (gradient[a] ?? 0) + (chosen?.[a] ?? 0) - (expected[a] ?? 0);
      g.rows.forEach((x, j) => {
        const pj = p[j] ?? 0;
        for (let a = 0; a <= d; a++) {
          const row = hessian[a] as number[];
          const xa = pj * (x[a] ?? 0);
          for (let b = a; b <= d; b++) row[b] = (row[b] ?? 0) + xa * (x[b] ?? 0);
        }
      });
      for (let a = 0; a <= d; a++) {
        const row = hessian[a] as number[];
        for (let b = a; b <= d; b++) row[b] = (row[b] ?? 0) - (expected[a] ?? 0) * (expected[b] ?? 0);
      }
    }
    const step = newtonStep(gradient, hessian, beta, l2);
    // Newton's step, halved until the penalised likelihood improves
    const current = choiceLogLikelihood(standard, beta, l2);
    let factor = 1;
    let next = beta.map((v, i) => v + (step[i] ?? 0));
    while (factor > 1e-4 && choiceLogLikelihood(standard, next, l2) < current) {
      factor /= 2;
      next = beta.map((v, i) => v + factor * (step[i] ?? 0));
    }
    beta = next;
    if (factor * Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0] ?? 0 };
}

function choiceLogLikelihood(groups: ReadonlyArray<{ rows: number[][]; answer: number }>, beta: readonly number[], l2: number): number {
  let sum = 0;
  for (const g of groups) {
    const z = g.rows.map((x) => dot(beta, x));
    const top = Math.max(0, ...z);
    const log = top + Math.log(Math.exp(-top) + z.reduce((s, v) => s + Math.exp(v - top), 0));
    sum += (g.answer >= 0 ? (z[g.answer] ?? 0) : 0) - log;
  }
  for (let a = 1; a < beta.length; a++) sum -= (l2 / 2) * (beta[a] ?? 0) ** 2;
  return sum;
}

/** Each candidate's probability under a choice model (the rest, 1 - Σ, is "none of them"). */
export function choiceProbabilities(model: FittedModel, rows: readonly number[][]): number[] {
  const z = rows.map((row) => {
    let v = model.bias;
    row.forEach((x, j) => (v += (model.weights[j] ?? 0) * ((x - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1))));
    return v;
  });
  const top = Math.max(0, ...z);
  const e = z.map((v) => Math.exp(v - top));
  const denominator = Math.exp(-top) + e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / denominator);
}

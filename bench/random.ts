/** A small seeded PRNG (mulberry32): the same seed always gives the same sequence. */
export interface Random {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
  /** an integer in [min, max], both included */
  between(min: number, max: number): number;
  /** one element of a non-empty array */
  pick<T>(items: readonly T[]): T;
  /** up to `count` distinct elements, in random order */
  sample<T>(items: readonly T[], count: number): T[];
}

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error("pick from an empty array");
    return item;
  };
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const [item] = pool.splice(int(pool.length), 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  };
  return { next, int, between: (min, max) => min + int(max - min + 1), pick, sample };
}

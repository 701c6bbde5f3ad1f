import Fuse from "fuse.js";
import { editDistance } from "./edit-distance.ts";

export interface Correction {
  term: string;
  /** 1 for an exact term, less for a corrected typo */
  strength: number;
}

/** Shorter words are too easily mistaken for other words (king → kind, cold → hold). */
const MIN_LENGTH = 5;
const MAX_CACHE = 5000;

/**
 * Typo tolerance on the vocabulary (the words of every fact, as written, before stemming), not on
 * whole documents: fuse.js searches the known words of
 * similar length (short keys, so bitap stays cheap and location does not matter), and an edit
 * distance check keeps only real near-misses. The work per word grows with the vocabulary of one
 * length band, never with the number of facts.
 */
export class Vocabulary {
  private readonly terms: ReadonlySet<string>;
  private readonly frequency: ReadonlyMap<string, number>;
  private readonly byLength = new Map<number, Fuse<string>>();
  /** the known words of each length, for the letter-count check before a search */
  private readonly bands = new Map<number, string[]>();
  private readonly cache = new Map<string, Correction | null>();

  constructor(frequency: ReadonlyMap<string, number>) {
    this.frequency = frequency;
    this.terms = new Set(frequency.keys());
    for (const term of this.terms) {
      if (term.length < MIN_LENGTH - 1) continue;
      const band = this.bands.get(term.length) ?? [];
      band.push(term);
      this.bands.set(term.length, band);
    }
    for (const [length, band] of this.bands) {
      this.byLength.set(length, new Fuse(band, { includeScore: true, threshold: 0.45, ignoreLocation: true, isCaseSensitive: true, shouldSort: true }));
    }
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** The term itself if known, else the closest known term within the typo budget, else null. */
  lookup(term: string): Correction | null {
    if (this.terms.has(term)) return { term, strength: 1 };
    if (term.length < MIN_LENGTH || /\d/.test(term)) return null;
    const cached = this.cache.get(term);
    if (cached !== undefined) return cached;
    const found = this.nearest(term);
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(term, found);
    return found;
  }

  private nearest(term: string): Correction | null {
    const budget = term.length <= 5 ? 1 : 2;
    if (!this.anyClose(term, budget)) return null;
    let best: { term: string; distance: number; frequency: number } | undefined;
    for (let length = term.length - budget; length <= term.length + budget; length++) {
      const fuse = this.byLength.get(length);
      if (!fuse) continue;
      for (const { item } of fuse.search(term, { limit: 8 })) {
        const distance = editDistance(term, item, budget);
        if (distance > budget) continue;
        // A first letter is rarely mistyped: a different one needs the word to be otherwise exact.
        if (item[0] !== term[0] && distance > 1) continue;
        const frequency = this.frequency.get(item) ?? 0;
        if (!best || distance < best.distance || (distance === best.distance && frequency > best.frequency)) {
          best = { term: item, distance, frequency };
        }
      }
    }
    return best ? { term: best.term, strength: best.distance === 1 ? 0.85 : 0.7 } : null;
  }

  /**
   * Whether any known word of a nearby length could be within `budget` edits of the term: a cheap
   * necessary condition checked before the fuse.js search, so that most words far from every known
   * word (a pasted wall of text) cost a letter count, not a search. An edit changes the letter
   * counts by at most 2, so a word whose counts differ from the term's by more than 2 × budget is
   * out of reach. Letters are counted in 64 buckets, which can only make counts look closer.
   */
  private anyClose(term: string, budget: number): boolean {
    const own = new Int32Array(64);
    for (let i = 0; i < term.length; i++) {
      const bucket = term.charCodeAt(i) & 63;
      own[bucket] = (own[bucket] ?? 0) + 1;
    }
    const left = new Int32Array(64);
    for (let length = term.length - budget; length <= term.length + budget; length++) {
      for (const item of this.bands.get(length) ?? []) {
        left.set(own);
        // differ = letters of the term not matched in the item + letters of the item not in the term
        let differ = term.length;
        for (let i = 0; i < item.length; i++) {
          const bucket = item.charCodeAt(i) & 63;
          const count = left[bucket] ?? 0;
          if (count > 0) {
            left[bucket] = count - 1;
            differ--;
          } else differ++;
        }
        if (differ <= 2 * budget) return true;
      }
    }
    return false;
  }
}

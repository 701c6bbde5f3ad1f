import { z } from "zod";

/**
 * The index's data, as flat typed arrays (one allocation each, whatever the number of facts):
 * - tokens[id] is a canonical token; df[id] how many facts hold it; entity[id] is 1 for the
 *   tokens of facts' entities;
 * - postings of token id: postFacts[postStart[id] .. postStart[id + 1]), sorted by fact, with
 *   postWeights (field weight in hundredths) alongside;
 * - a fact's own words: coreTokens[coreStart[f] .. coreStart[f + 1]), sorted, with coreWeights;
 * - a fact's phrasings (each alternate question, then its keywords): phrasing numbers
 *   phraseStart[f] .. phraseStart[f + 1]; phrasing p's tokens are
 *   phraseTokens[phraseTokStart[p] .. phraseTokStart[p + 1]), sorted;
 * - kinds[f]: a bit mask of the kinds of answer the fact can give;
 * - surface: the words of the facts as written, with how many facts use each (for typo correction).
 */
export interface IndexData {
  tokens: string[];
  surface: Array<[string, number]>;
  df: Int32Array;
  entity: Uint8Array;
  postStart: Int32Array;
  postFacts: Int32Array;
  postWeights: Uint8Array;
  coreStart: Int32Array;
  coreTokens: Int32Array;
  coreWeights: Uint8Array;
  phraseStart: Int32Array;
  phraseTokStart: Int32Array;
  phraseTokens: Int32Array;
  kinds: Uint8Array;
}

export const INDEX_FORMAT = 1;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "must be base64" });

/** A serialized index, as written to disk: typed arrays as base64, everything checked on the way in. */
export const serializedIndexSchema = z.object({
  format: z.literal(INDEX_FORMAT, { error: `the index format must be ${INDEX_FORMAT}; rebuild it` }),
  /** fingerprint of the facts and synonyms it was built from */
  fingerprint: z.string().min(1),
  facts: z.int().min(0),
  tokens: z.array(z.string()),
  surface: z.array(z.tuple([z.string(), z.int().min(0)])),
  int32: z.object({
    df: base64,
    postStart: base64,
    postFacts: base64,
    coreStart: base64,
    coreTokens: base64,
    phraseStart: base64,
    phraseTokStart: base64,
    phraseTokens: base64,
  }),
  uint8: z.object({ entity: base64, postWeights: base64, coreWeights: base64, kinds: base64 }),
});
export type SerializedIndex = z.infer<typeof serializedIndexSchema>;

export class IndexArrays implements IndexData {
  readonly tokens: string[];
  readonly surface: Array<[string, number]>;
  readonly df: Int32Array;
  readonly entity: Uint8Array;
  readonly postStart: Int32Array;
  readonly postFacts: Int32Array;
  readonly postWeights: Uint8Array;
  readonly coreStart: Int32Array;
  readonly coreTokens: Int32Array;
  readonly coreWeights: Uint8Array;
  readonly phraseStart: Int32Array;
  readonly phraseTokStart: Int32Array;
  readonly phraseTokens: Int32Array;
  readonly kinds: Uint8Array;

  constructor(data: IndexData) {
    this.tokens = data.tokens;
    this.surface = data.surface;
    this.df = data.df;
    this.entity = data.entity;
    this.postStart = data.postStart;
    this.postFacts = data.postFacts;
    this.postWeights = data.postWeights;
    this.coreStart = data.coreStart;
    this.coreTokens = data.coreTokens;
    this.coreWeights = data.coreWeights;
    this.phraseStart = data.phraseStart;
    this.phraseTokStart = data.phraseTokStart;
    this.phraseTokens = data.phraseTokens;
    this.kinds = data.kinds;
  }

  serialize(fingerprint: string, facts: number): SerializedIndex {
    const b64 = (a: Int32Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
    return {
      format: INDEX_FORMAT,
      fingerprint,
      facts,
      tokens: this.tokens,
      surface: this.surface,
      int32: {
        df: b64(this.df),
        postStart: b64(this.postStart),
        postFacts: b64(this.postFacts),
        coreStart: b64(this.coreStart),
        coreTokens: b64(this.coreTokens),
        phraseStart: b64(this.phraseStart),
        phraseTokStart: b64(this.phraseTokStart),
        phraseTokens: b64(this.phraseTokens),
      },
      uint8: {
        entity: b64(this.entity),
        postWeights: b64(this.postWeights),
        coreWeights: b64(this.coreWeights),
        kinds: b64(this.kinds),
      },
    };
  }

  /** Rebuilds the arrays from a parsed serialized index, checking that their sizes agree. */
  static deserialize(index: SerializedIndex): IndexArrays {
    const int32 = (s: string) => {
      const bytes = Buffer.from(s, "base64");
      if (bytes.byteLength % 4 !== 0) throw new Error("the serialized index is damaged: an int32 array has a stray byte");
      return new Int32Array(new Uint8Array(bytes).buffer);
    };
    const uint8 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
    const arrays = new IndexArrays({
      tokens: index.tokens,
      surface: index.surface,
      df: int32(index.int32.df),
      entity: uint8(index.uint8.entity),
      postStart: int32(index.int32.postStart),
      postFacts: int32(index.int32.postFacts),
      postWeights: uint8(index.uint8.postWeights),
      coreStart: int32(index.int32.coreStart),
      coreTokens: int32(index.int32.coreTokens),
      coreWeights: uint8(index.uint8.coreWeights),
      phraseStart: int32(index.int32.phraseStart),
      phraseTokStart: int32(index.int32.phraseTokStart),
      phraseTokens: int32(index.int32.phraseTokens),
      kinds: uint8(index.uint8.kinds),
    });
    const t = index.tokens.length;
    const ok =
      arrays.df.length === t &&
      arrays.entity.length === t &&
      arrays.postStart.length === t + 1 &&
      arrays.postFacts.length === arrays.postWeights.length &&
      arrays.coreStart.length === index.facts + 1 &&
      arrays.coreTokens.length === arrays.coreWeights.length &&
      arrays.phraseStart.length === index.facts + 1 &&
      arrays.kinds.length === index.facts;
    if (!ok) throw new Error("the serialized index is damaged: its arrays do not fit together; rebuild it");
    return arrays;
  }
}

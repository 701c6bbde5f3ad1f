import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase } from "../knowledge/load.ts";

let engineSource: string | undefined;

/** A hash of the engine's own source: any change to how text is analyzed makes old indexes stale. */
function engineSourceHash(): string {
  if (engineSource === undefined) {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const hash = createHash("sha256");
    for (const file of readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f)).sort()) hash.update(file).update(readFileSync(`${dir}/${file}`));
    engineSource = hash.digest("hex");
  }
  return engineSource;
}

const fingerprints = new WeakMap<KnowledgeBase, string>();

/**
 * Identifies what an index is built from: the facts (in order), the synonyms and the engine code.
 * Remembered per knowledge base object: the cache and the engine ask for the same one.
 */
export function knowledgeFingerprint(kb: KnowledgeBase): string {
  const known = fingerprints.get(kb);
  if (known) return known;
  const hash = createHash("sha256").update(engineSourceHash());
  for (const f of kb.facts) {
    hash.update(JSON.stringify([f.id, f.kind, f.answer, f.quote, f.paragraph, f.questions, f.keywords, f.entities]));
  }
  hash.update(JSON.stringify(kb.synonyms));
  const fingerprint = hash.digest("hex").slice(0, 32);
  fingerprints.set(kb, fingerprint);
  return fingerprint;
}

import { Worker } from "node:worker_threads";
import { z } from "zod";
import { serializedIndexSchema } from "../engine/index-arrays.ts";
import type { BuildResult } from "./build.ts";
import type { KnowledgeBase } from "./load.ts";

/** The knowledge base as the worker posts it: the worker read it through the zod schemas already. */
const checkedKnowledge = z.custom<KnowledgeBase>(
  (v) => typeof v === "object" && v !== null && "articles" in v && Array.isArray(v.articles) && "facts" in v && Array.isArray(v.facts),
  { error: "the worker sent no knowledge base" },
);

const resultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    kb: checkedKnowledge,
    index: serializedIndexSchema,
    source: z.enum(["loaded", "built"]),
    cacheProblem: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), problems: z.array(z.string()) }),
]);

const WORKER_FILE = new URL("./build-worker.ts", import.meta.url).href;

/**
 * Builds the knowledge in a worker thread, so that the bot keeps answering from its current engine
 * meanwhile. The worker loads this TypeScript through tsx's API, found from this file.
 */
export function buildInWorker(dir: string, cacheDir: string): Promise<BuildResult> {
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_FILE)}, ${JSON.stringify(import.meta.url)}))`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { dir, cacheDir } });
    let settled = false;
    worker.once("message", (message: unknown) => {
      settled = true;
      const parsed = resultSchema.safeParse(message);
      if (parsed.success) {
        const data = parsed.data;
        resolve(
          data.ok
            ? { ok: true, kb: data.kb, index: data.index, source: data.source, cacheProblem: data.cacheProblem }
            : { ok: false, problems: data.problems },
        );
      } else reject(new Error(`the knowledge worker sent something unexpected: ${parsed.error.issues[0]?.message ?? "?"}`));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the knowledge worker stopped (exit code ${code}) before it finished`));
      settled = true;
    });
  });
}

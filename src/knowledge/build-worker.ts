import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { buildKnowledge } from "./build.ts";

/** Runs in a worker thread: builds the knowledge off the bot's event loop and posts the result back. */
const input = z.object({ dir: z.string(), cacheDir: z.string() }).parse(workerData);
parentPort?.postMessage(buildKnowledge(input.dir, input.cacheDir));

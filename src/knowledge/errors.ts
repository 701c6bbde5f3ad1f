import type { z } from "zod";

/** A knowledge folder that failed validation; `problems` has one plain sentence per problem. */
export class KnowledgeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The knowledge base has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n- ${problems.join("\n- ")}`);
    this.name = "KnowledgeError";
  }
}

/** Turns zod issues into "field "x": message" phrases. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path
      .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
      .join("");
    return field ? `field "${field}": ${issue.message}` : issue.message;
  });
}

import { createHmac, randomBytes } from "node:crypto";

/** A new random salt: 32 bytes, hex. */
export function newSalt(): string {
  return randomBytes(32).toString("hex");
}

/**
 * Who voted on an answer, as HMAC-SHA256(salt, answer, fact, user). The id cannot be read back,
 * and because the answer is part of the message, one user's votes on different answers do not
 * share a hash: the database cannot tell that two votes came from the same person. The hash
 * serves only to keep one vote per user per answer.
 */
export function voterHash(salt: string, answerId: string, factId: string, userId: string): string {
  return createHmac("sha256", salt).update(JSON.stringify([answerId, factId, userId])).digest("hex");
}

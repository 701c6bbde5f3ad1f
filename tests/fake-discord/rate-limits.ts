import { randomBytes } from "node:crypto";
import type { FailureSpec } from "./rest.ts";

export interface RateLimitOptions {
  /** Seconds to wait, as in Discord's `retry_after` (keep it small in tests, e.g. 0.05–0.3). */
  retryAfter: number;
  /**
   * true: the global limit (`"global": true`, `x-ratelimit-global`, scope "global", no bucket headers).
   * false (default): a per-route limit of the bot (bucket headers, scope "user").
   */
  global?: boolean;
  /** How many matching calls get the 429 (default 1). */
  times?: number;
}

/**
 * A 429 as Discord sends it. The body carries `retry_after` in seconds (a float); `retry-after` and
 * `x-ratelimit-reset-after` carry the same value. Discord rounds the `retry-after` header up to whole
 * seconds; the fake keeps the fraction so tests stay fast (@discordjs/rest reads only the header).
 */
export function rateLimitSpec({ retryAfter, global = false, times = 1 }: RateLimitOptions): FailureSpec {
  const seconds = String(retryAfter);
  const body = { message: "You are being rate limited.", retry_after: retryAfter, global };
  if (global) {
    return {
      status: 429,
      times,
      body: { ...body, code: 0 },
      headers: { "retry-after": seconds, "x-ratelimit-global": "true", "x-ratelimit-scope": "global" },
    };
  }
  return {
    status: 429,
    times,
    body,
    headers: {
      "retry-after": seconds,
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
      "x-ratelimit-reset-after": seconds,
      "x-ratelimit-bucket": randomBytes(16).toString("hex"),
      "x-ratelimit-scope": "user",
    },
  };
}

import { RateLimitManager } from "@sapphire/ratelimits";

export type CooldownCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Per-user flood control: at most `limit` questions per `seconds`. */
export class Cooldown {
  private readonly manager: RateLimitManager<string>;

  constructor(seconds: number, limit: number) {
    this.manager = new RateLimitManager(seconds * 1000, limit);
  }

  take(userId: string): CooldownCheck {
    const bucket = this.manager.acquire(userId);
    if (bucket.limited) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(bucket.remainingTime / 1000)) };
    bucket.consume();
    return { ok: true };
  }

  /** Forgets every user and stops the sweep timer. */
  dispose(): void {
    this.manager.clear();
    this.manager.sweep();
  }
}

/** Discord epoch (2015-01-01T00:00:00.000Z). discord.js derives `createdTimestamp` from ids. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Process-wide counter so ids stay unique across fakes started in the same worker. */
let increment = 0n;

/**
 * A valid, increasing snowflake: (ms since Discord epoch) << 22 | increment.
 * Real snowflakes also carry worker/process bits; discord.js only reads the timestamp part.
 */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

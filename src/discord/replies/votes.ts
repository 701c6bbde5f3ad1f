import type { VoteResult, VoteValue } from "../../feedback/store.ts";

const EMOJI: Record<VoteValue, string> = { up: "👍", down: "👎" };

/** The private note after a vote. */
export function voteNote(vote: VoteValue, outcome: VoteResult["outcome"]): string {
  if (outcome === "unchanged") return `You already gave this answer a ${EMOJI[vote]}.`;
  if (outcome === "changed") return `Changed your vote on this answer to ${EMOJI[vote]}. Thanks!`;
  return vote === "up"
    ? `Thanks for the ${EMOJI.up}!`
    : `Thanks for the ${EMOJI.down}. The moderators see which answers miss, and fix them.`;
}

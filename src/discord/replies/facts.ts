import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { KnowledgeFact } from "../../knowledge/load.ts";
import { COLORS } from "./answer.ts";
import { encodeButton } from "./custom-ids.ts";
import { LIMITS, showLine, showUserText, truncate } from "./limits.ts";

export const FACTS_PER_PAGE = 5;

export interface FactsPage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** One page of facts, with Previous/Next buttons. `page` is clamped to the pages there are. */
export function factsPage(facts: readonly KnowledgeFact[], requestedPage: number, topic: string): FactsPage {
  const pages = Math.max(1, Math.ceil(facts.length / FACTS_PER_PAGE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const shown = facts.slice(page * FACTS_PER_PAGE, (page + 1) * FACTS_PER_PAGE);
  const about = topic ? ` about "${showUserText(topic, 80)}"` : "";
  const embed: APIEmbed = {
    title: truncate(`Facts${about}`, LIMITS.embedTitle),
    color: COLORS.info,
    description: facts.length === 0 ? `The article doesn't say anything${about}.` : undefined,
    fields: shown.map((f) => ({
      // Discord rejects an empty field name.
      name: showUserText(f.questions[0] ?? "", LIMITS.fieldName) || showUserText(f.id, LIMITS.fieldName) || "Fact",
      value: truncate(`${showLine(f.answer)}\n> ${showLine(f.quote)} *(paragraph ${f.paragraph})*`, LIMITS.fieldValue),
    })),
    footer: { text: `Page ${page + 1} of ${pages} · ${facts.length} fact${facts.length === 1 ? "" : "s"}` },
  };
  // Targets are clamped, so Previous and Next always differ (Discord wants unique ids) and stay valid.
  const button = (label: string, target: number): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: encodeButton({ kind: "facts", page: Math.min(Math.max(0, target), pages - 1), topic }),
    disabled: target < 0 || target >= pages,
  });
  return {
    embeds: [embed],
    components:
      pages > 1
        ? [{ type: ComponentType.ActionRow, components: [button("Previous", page - 1), button("Next", page + 1)] }]
        : [],
  };
}

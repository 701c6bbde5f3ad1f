import { REST, Routes } from "discord.js";
import { parseArgs } from "node:util";
import { commands } from "../../commands/index.ts";
import { loadConfig } from "../config.ts";
import { runCli, UsageError } from "./run.ts";

const HELP = `Register the bot's commands with Discord.

Usage:
  npm run deploy-commands              to DISCORD_GUILD_ID if set (instant), else globally (up to an hour)
  npm run deploy-commands -- --dry-run print the JSON that would be sent, and send nothing

Needs DISCORD_TOKEN and DISCORD_CLIENT_ID (see .env.example), except with --dry-run.`;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values["dry-run"]) {
    console.log(JSON.stringify(commands, null, 2));
    return 0;
  }
  const config = loadConfig();
  if (!config.token || !config.clientId) {
    throw new UsageError("DISCORD_TOKEN and DISCORD_CLIENT_ID must be set to deploy (see .env.example). Use --dry-run to see the commands.");
  }
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  await rest.put(route, { body: commands });
  const names = commands.map((c) => c.name).join(", ");
  console.log(
    config.guildId
      ? `Registered ${commands.length} commands in server ${config.guildId}: ${names}`
      : `Registered ${commands.length} commands globally (they can take up to an hour to appear): ${names}`,
  );
  return 0;
}, HELP);

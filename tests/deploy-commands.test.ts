import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../commands/index.ts";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function deploy(args: string[], env: Record<string, string>) {
  // spawnSync would block the fake's event loop, so run the process asynchronously.
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/deploy-commands.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { status, stdout, stderr };
}

const commandList = z.array(z.looseObject({ name: z.string() }));

describe("npm run deploy-commands", () => {
  it("--dry-run prints the command list as JSON, needing no token", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/deploy-commands.ts", "--dry-run"], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    expect(run.status).toBe(0);
    expect(commandList.parse(JSON.parse(run.stdout)).map((c) => c.name)).toEqual(commands.map((c) => c.name));
  });

  it("registers the commands in the guild when DISCORD_GUILD_ID is set", async () => {
    fake = await startFakeDiscord();
    const { applicationId, guild } = fake;
    const run = await deploy([], { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: applicationId, DISCORD_GUILD_ID: guild.id, DISCORD_API_URL: fake.restBase });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const call = await fake.waitForCall({ method: "PUT", path: `/v10/applications/${applicationId}/guilds/${guild.id}/commands` });
    expect(commandList.parse(call.body).map((c) => c.name)).toEqual(["ask", "summary", "post-summary", "facts", "about", "kb", "Check against article"]);
    expect(run.stdout).toContain(`Registered 7 commands in server ${guild.id}`);
  });

  it("registers globally without DISCORD_GUILD_ID", async () => {
    fake = await startFakeDiscord();
    const run = await deploy([], { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.restBase });
    expect(run.status).toBe(0);
    await fake.waitForCall({ method: "PUT", path: `/v10/applications/${fake.applicationId}/commands` });
    expect(run.stdout).toContain("globally");
  });

  it("says plainly when Discord refuses, without a stack trace", async () => {
    fake = await startFakeDiscord();
    const run = await deploy([], { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: "123456789012345678", DISCORD_API_URL: fake.restBase });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Discord refused the request: Missing Access \(code 50001, HTTP 403\)/);
    expect(run.stderr).not.toContain("    at ");
  });

  it("refuses to deploy without a token or client id, and says what to set", async () => {
    const run = await deploy([], {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("DISCORD_TOKEN and DISCORD_CLIENT_ID must be set");
  });
});

describe("command definitions", () => {
  it("keeps the public names and options", () => {
    const ask = commands.find((c) => c.name === "ask");
    expect(ask && "options" in ask ? ask.options.map((o) => [o.name, "required" in o && o.required]) : []).toEqual([["question", true], ["article", false], ["private", false]]);
    const post = commands.find((c) => c.name === "post-summary");
    expect(post && "default_member_permissions" in post ? post.default_member_permissions : undefined).toBe("8192");
    const kb = commands.find((c) => c.name === "kb");
    // Manage Server (1 << 5), and only in servers
    expect(kb && "default_member_permissions" in kb ? kb.default_member_permissions : undefined).toBe("32");
    expect(kb && "options" in kb ? kb.options.map((o) => o.name) : []).toEqual(["reload", "status", "gaps"]);
    for (const name of ["ask", "summary", "post-summary"]) {
      const command = commands.find((c) => c.name === name);
      const article = command && "options" in command ? command.options.find((o) => o.name === "article") : undefined;
      expect(article && "autocomplete" in article ? article.autocomplete : false, name).toBe(true);
    }
  });
});

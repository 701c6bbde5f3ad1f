import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

// loadConfig(env) with an environment of the test's own: no .env is read.
const config = (env: Record<string, string>) => loadConfig(env, "/nonexistent/.env");
const problemOf = (env: Record<string, string>): string => {
  try {
    config(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("no ConfigError");
};

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
const scratch = mkdtempSync(join(tmpdir(), "config-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("DISCORD_TOKEN", () => {
  it("is trimmed: a Windows line ending or spaces around a pasted token are dropped", () => {
    expect(config({ DISCORD_TOKEN: `${TOKEN}\r` }).token).toBe(TOKEN);
    expect(config({ DISCORD_TOKEN: `  ${TOKEN}\n` }).token).toBe(TOKEN);
  });

  it("counts as unset when blank", () => {
    expect(config({ DISCORD_TOKEN: "   " }).token).toBeUndefined();
    expect(config({ DISCORD_TOKEN: "\r\n" }).token).toBeUndefined();
  });

  it("is refused with a message naming DISCORD_TOKEN, not showing it, when it holds a control character", () => {
    const message = problemOf({ DISCORD_TOKEN: `${TOKEN.slice(0, 20)}\u0007${TOKEN.slice(20)}` });
    expect(message).toContain("DISCORD_TOKEN holds a control character or a space");
    expect(message).not.toContain(TOKEN.slice(0, 20));
  });
});

describe("HEALTH_PORT", () => {
  it("takes a plain whole number", () => {
    expect(config({ HEALTH_PORT: "9464" }).healthPort).toBe(9464);
    expect(config({ HEALTH_PORT: "0" }).healthPort).toBe(0);
  });

  it.each([" 80", "0x50", "1e3", "80.0", "-1", "+80", "65536"])("refuses %j", (value) => {
    expect(problemOf({ HEALTH_PORT: value })).toMatch(/- HEALTH_PORT: HEALTH_PORT must be (a whole number from 0 to 65535, written in plain digits|0 to 65535)/);
  });
});

describe("DATA_DIR", () => {
  it("may be a folder that does not exist yet", () => {
    expect(config({ DATA_DIR: join(scratch, "new") }).dataDir).toBe(join(scratch, "new"));
  });

  it("is refused plainly when it is a file", () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    expect(problemOf({ DATA_DIR: file })).toBe("Invalid configuration (see .env.example):\n- DATA_DIR: DATA_DIR must be a folder, and this is a file");
  });
});

import type { Config } from "../config.ts";
import { startHealthServer, type HealthServer, type HealthServerOptions } from "./server.ts";

/**
 * The health and metrics server as configured: off (undefined) unless HEALTH_PORT is set, bound to
 * HEALTH_HOST (127.0.0.1 unless configured otherwise).
 */
export async function startConfiguredHealthServer(
  config: Pick<Config, "healthPort" | "healthHost">,
  dependencies: Omit<HealthServerOptions, "host" | "port">,
): Promise<HealthServer | undefined> {
  if (config.healthPort === undefined) return undefined;
  return startHealthServer({ ...dependencies, host: config.healthHost, port: config.healthPort });
}

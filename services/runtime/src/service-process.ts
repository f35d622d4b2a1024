import { ConfigError } from "./env.js";
import type { Logger } from "./log.js";

/** What stops a started service: drains what is in flight, then closes. */
export type Stop = () => Promise<void>;

/**
 * Runs a service's process: `start` reads the configuration and starts it.
 * A bad configuration is logged as `invalid_config` with every problem,
 * any other failure to start as `start_failed`; both exit 1. Once started,
 * SIGTERM or SIGINT logs `stopping`, waits for `stop`, logs `stopped` and
 * exits 0 (or logs `stop_failed` and exits 1).
 */
export async function runService(logger: Logger, start: () => Promise<Stop>): Promise<void> {
  let stop: Stop;
  try {
    stop = await start();
  } catch (error) {
    const invalid = error instanceof ConfigError;
    logger.log("error", invalid ? "invalid_config" : "start_failed", { error, ...(invalid ? { problems: error.problems } : {}) });
    process.exit(1);
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.log("info", "stopping", { signal });
    stop().then(
      () => {
        logger.log("info", "stopped", { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.log("error", "stop_failed", { signal, error });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}

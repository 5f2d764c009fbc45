import type { Logger } from '../logger';

/**
 * Runs `action` and logs a throw instead of passing it on: one document's failure must not stop
 * the others handled in the same loop (a commit's batch, a sweep over every room, a shared timer).
 */
export function safely(logger: Logger, message: string, action: () => void, context?: object): void {
  try {
    action();
  } catch (error) {
    logger.error({ ...context, err: error }, message);
  }
}

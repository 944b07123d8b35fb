import { type Logger as SlackLogger, LogLevel } from '@slack/logger';
import { type DestinationStream, type Logger, pino } from 'pino';
import { contextFields } from './observability/request-context';

export type { Logger };

/**
 * JSON lines; each one logged while a Slack request or a job runs carries its `workspace`, `requestId`,
 * `kind` (and `queue` for jobs), read from the request context rather than threaded through every call.
 */
export function createLogger(level: string, name = 'canopy', destination?: DestinationStream): Logger {
  const options = { name, level, mixin: contextFields };
  return destination ? pino(options, destination) : pino(options);
}

const OAUTH_VISITOR_ERRORS = new Set(['slack_oauth_installer_authorization_error', 'slack_oauth_missing_code', 'slack_oauth_invalid_state', 'slack_oauth_missing_state']);
const isOAuthVisitorError = (value: unknown) => value instanceof Error && OAUTH_VISITOR_ERRORS.has(String((value as { code?: unknown }).code));

/** Bolt wants @slack/logger's interface; route its lines through our pino logger. */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    // @slack/oauth logs a visitor's cancelled or expired install as an error; it is not one of ours.
    error: (...msg) => (isOAuthVisitorError(msg[0]) ? child.warn : child.error).call(child, msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

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

/**
 * Bolt wants @slack/logger's interface; route its lines through our pino logger. `notOurError` picks out errors
 * Bolt logs that are not the server's fault (a visitor's cancelled install): those are logged as warnings.
 */
export function toSlackLogger(logger: Logger, options: { notOurError?: (error: unknown) => boolean } = {}): SlackLogger {
  const notOurError = options.notOurError ?? (() => false);
  const child = logger.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => (notOurError(msg[0]) ? child.warn : child.error).call(child, msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

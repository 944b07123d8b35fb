import { type Logger as SlackLogger, LogLevel } from '@slack/logger';
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'canopy'): Logger {
  return pino({ name, level });
}

/** Bolt wants @slack/logger's interface; route its lines through our pino logger. */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Payloads shaped like Slack's documented examples, in `test/fixtures/slack/`. */
export type TFixtureName =
  | 'command-stats'
  | 'command-log'
  | 'command-coach'
  | 'event-message-im'
  | 'event-message-thread-reply'
  | 'event-message-changed'
  | 'event-message-deleted'
  | 'event-bot-message'
  | 'event-app-home-opened'
  | 'event-user-change'
  | 'url-verification'
  | 'shortcut-log-as-activity'
  | 'block-suggestion-log-deal'
  // Interactions with ids no listener knows (from an older version), one per type Slack sends.
  | 'block-actions-message'
  | 'block-actions-home'
  | 'block-actions-modal'
  | 'view-submission-old-form'
  | 'view-closed-old-form'
  | 'shortcut-global-old'
  | 'message-action-old'
  | 'interactive-message-old'
  | 'dialog-submission-old'
  | 'dialog-cancellation-old'
  | 'dialog-suggestion-old';

/** Nested partial for overrides; `undefined` removes a key (e.g. `{ event: { thread_ts: undefined } }`). */
export type TDeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: TDeepPartial<T[K]> | undefined } : T;

type TJsonObject = Record<string, unknown>;

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'slack');

/**
 * A fresh copy of a fixture with `overrides` deep-merged in: objects merge key by key, arrays and
 * scalars replace, `undefined` deletes. Each call re-reads the file, so tests never share state.
 */
export function loadFixture<T extends TJsonObject = TJsonObject>(name: TFixtureName, overrides: TDeepPartial<T> | TJsonObject = {}): T {
  const base = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name.replace(/\.json$/, '')}.json`), 'utf8')) as TJsonObject;
  return deepMerge(base, overrides as TJsonObject) as T;
}

export function deepMerge(base: TJsonObject, overrides: TJsonObject): TJsonObject {
  const out: TJsonObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = deepMerge(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

function isPlainObject(value: unknown): value is TJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

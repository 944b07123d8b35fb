import { type AnyMiddlewareArgs, type App, matchCommandName, matchConstraints, type Middleware, onlyActions, onlyCommands, onlyOptions, onlyShortcuts, onlyViewActions } from '@slack/bolt';

/** Bolt's own filter and constraint matcher for one registered listener: the pair it runs before the listener. */
type TMatcher = readonly [Middleware<AnyMiddlewareArgs>, Middleware<AnyMiddlewareArgs>];

/** Whether some listener registered on the app would take this request (same rules as Bolt's, by running Bolt's matchers). */
export type TInteractionRegistry = { handles: (args: AnyMiddlewareArgs) => Promise<boolean> };

type TConstraint = string | RegExp | Record<string, unknown>;

/**
 * Records every `app.action/view/shortcut/options/command` registration — string, RegExp or constraint
 * object — so a global middleware can tell an interaction nobody handles (a button on a message sent by an
 * older version) and answer it at once instead of letting Slack wait 3 s for an error. Call it before any
 * listener is registered. Matching reuses Bolt's exported middleware (`onlyActions` + `matchConstraints`…),
 * normalised exactly as `App` does, so "known" here means "a listener will run" there.
 */
export function recordInteractionListeners(app: App): TInteractionRegistry {
  const matchers: TMatcher[] = [];
  const record = <K extends 'action' | 'view' | 'shortcut' | 'options' | 'command'>(method: K, toMatcher: (constraint: TConstraint) => TMatcher) => {
    // Bolt's overloads cannot be restated generically; the wrapper passes every argument through unchanged.
    const target = app as unknown as Record<K, (...args: unknown[]) => void>;
    const original = target[method].bind(app);
    target[method] = (constraint: unknown, ...listeners: unknown[]) => {
      matchers.push(toMatcher(constraint as TConstraint));
      original(constraint, ...listeners);
    };
  };
  const idOr = (key: string, constraint: TConstraint, extra: Record<string, unknown> = {}) =>
    (typeof constraint === 'string' || constraint instanceof RegExp ? { [key]: constraint, ...extra } : constraint) as Parameters<typeof matchConstraints>[0];

  record('action', (c) => [onlyActions, asAny(matchConstraints(idOr('action_id', c)))]);
  record('options', (c) => [onlyOptions, asAny(matchConstraints(idOr('action_id', c)))]);
  record('shortcut', (c) => [onlyShortcuts, asAny(matchConstraints(idOr('callback_id', c)))]);
  record('view', (c) => [onlyViewActions, asAny(matchConstraints(idOr('callback_id', c, { type: 'view_submission' })))]);
  record('command', (c) => [onlyCommands, asAny(matchCommandName(c as string | RegExp))]);

  return {
    handles: async (args) => {
      for (const [filter, matcher] of matchers) {
        let matched = false;
        // A scratch context: the matchers write regexp matches into it, which must not leak into the real one.
        const context = { ...args, context: {}, next: async () => {} } as unknown as Parameters<Middleware<AnyMiddlewareArgs>>[0];
        await filter({ ...context, next: async () => matcher({ ...context, next: async () => void (matched = true) }) });
        if (matched) return true;
      }
      return false;
    },
  };
}

function asAny<T>(middleware: Middleware<T>): Middleware<AnyMiddlewareArgs> {
  return middleware as unknown as Middleware<AnyMiddlewareArgs>;
}

import { type AnyMiddlewareArgs, type App, matchCommandName, matchConstraints, type Middleware, MultipleListenerError, onlyActions, onlyCommands, onlyOptions, onlyShortcuts, onlyViewActions } from '@slack/bolt';

/** Bolt's own filter and constraint matcher for one registered listener: the pair it runs before the listener. */
type TMatcher = readonly [Middleware<AnyMiddlewareArgs>, Middleware<AnyMiddlewareArgs>];

type TKind = 'action' | 'view' | 'shortcut' | 'options' | 'command';

export type TInteractionRegistry = {
  /** Whether some listener registered on the app would take this request (same rules as Bolt's). */
  handles: (args: AnyMiddlewareArgs) => boolean | Promise<boolean>;
  /**
   * Global middleware, to be registered after every other `app.use`: runs the listeners registered by a plain id
   * itself, by one map lookup, and passes anything else on to Bolt's own listeners.
   */
  dispatch: Middleware<AnyMiddlewareArgs>;
};

type TConstraint = string | RegExp | Record<string, unknown>;
type TChain = Middleware<AnyMiddlewareArgs>[];

/**
 * Records every `app.action/view/shortcut/options/command` registration — string, RegExp or constraint
 * object — so a global middleware can tell an interaction nobody handles (a button on a message sent by an
 * older version) and answer it at once instead of letting Slack wait 3 s for an error. Call it before any
 * listener is registered, and register `dispatch` after every other global middleware.
 *
 * Listeners registered by a plain string (almost all of them) are kept in a map from kind and id instead of
 * being handed to Bolt: Bolt runs every registered listener's matchers on every request (two middleware
 * calls, an args copy and promises each, ~40 listeners), which was a good part of an ack's cost. `dispatch`
 * runs the mapped listener the way Bolt would (same args, a no-op `next`), and the rest — RegExp or constraint
 * registrations, events — still go through Bolt and are matched by Bolt's exported matchers (`onlyActions` +
 * `matchConstraints`…), normalised exactly as `App` does, so "known" here means "a listener will run" there.
 */
export function recordInteractionListeners(app: App): TInteractionRegistry {
  const routes = new Map<string, TChain[]>();
  const matchers: TMatcher[] = [];
  // Kinds with a listener left to Bolt: a request routed here must still reach those (Bolt runs every match).
  const viaBolt = new Set<TKind>();
  const record = <K extends TKind>(method: K, toMatcher: (constraint: TConstraint) => TMatcher) => {
    // Bolt's overloads cannot be restated generically; the wrapper passes every argument through unchanged.
    const target = app as unknown as Record<K, (...args: unknown[]) => void>;
    const original = target[method].bind(app);
    target[method] = (constraint: unknown, ...listeners: unknown[]) => {
      if (typeof constraint === 'string' && listeners.length > 0 && listeners.every((l) => typeof l === 'function')) {
        const key = routeKey(method, constraint);
        routes.set(key, [...(routes.get(key) ?? []), listeners as TChain]);
        return;
      }
      viaBolt.add(method);
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

  const boltHandles = async (args: AnyMiddlewareArgs) => {
    for (const [filter, matcher] of matchers) {
      let matched = false;
      // A scratch context: the matchers write regexp matches into it, which must not leak into the real one.
      const context = { ...args, context: {}, next: async () => {} } as unknown as Parameters<Middleware<AnyMiddlewareArgs>>[0];
      await filter({ ...context, next: async () => matcher({ ...context, next: async () => void (matched = true) }) });
      if (matched) return true;
    }
    return false;
  };

  return {
    handles: (args) => {
      const route = routeOf(args);
      if (route && routes.has(route.key)) return true;
      return matchers.length > 0 ? boltHandles(args) : false;
    },
    dispatch: async (args) => {
      const route = routeOf(args);
      const chains = route && routes.get(route.key);
      if (!chains) return args.next();
      const runs = chains.map((chain) => runChain(chain, args));
      if (viaBolt.has(route.kind)) runs.push(args.next());
      if (runs.length === 1) return runs[0];
      // As Bolt reports the listeners' failures when several ran.
      const failed = (await Promise.allSettled(runs)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed.length === 1) throw failed[0]!.reason;
      if (failed.length > 1) throw new MultipleListenerError(failed.map((f) => f.reason as Error));
    },
  };
}

const routeKey = (kind: TKind, id: string) => `${kind}\u0000${id}`;

/**
 * The map key a plain-string registration of this request would have, by the rules Bolt applies to one: a
 * command's name; an action's `action_id` (the first action of a block_actions or interactive_message); an
 * options request's `action_id`; a shortcut's `callback_id`; a view_submission's view `callback_id`.
 */
function routeOf(args: AnyMiddlewareArgs): { kind: TKind; key: string } | undefined {
  const a = args as unknown as Record<string, unknown> & { payload?: { action_id?: unknown }; body: Record<string, unknown> & { view?: { callback_id?: unknown } } };
  if (a.command) return keyed('command', (a.command as { command?: unknown }).command);
  if (a.action) return keyed('action', a.payload?.action_id);
  if (a.options) return keyed('options', a.body.action_id);
  if (a.shortcut) return keyed('shortcut', a.body.view !== undefined ? a.body.view.callback_id : a.body.callback_id);
  if ('view' in a && a.body.type === 'view_submission') return keyed('view', a.body.view?.callback_id);
  return undefined;
}

function keyed(kind: TKind, id: unknown): { kind: TKind; key: string } | undefined {
  return typeof id === 'string' ? { kind, key: routeKey(kind, id) } : undefined;
}

/** A listener and the middleware given before it, called as Bolt calls them: the listener gets a no-op `next`. */
function runChain(chain: TChain, args: AnyMiddlewareArgs & { next: () => Promise<void> }): Promise<void> {
  const step = (i: number): Promise<void> =>
    Promise.resolve(chain[i]!({ ...args, next: i < chain.length - 1 ? () => step(i + 1) : noop } as Parameters<Middleware<AnyMiddlewareArgs>>[0]));
  return step(0);
}

const noop = async () => {};

function asAny<T>(middleware: Middleware<T>): Middleware<AnyMiddlewareArgs> {
  return middleware as unknown as Middleware<AnyMiddlewareArgs>;
}

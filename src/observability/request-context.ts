import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a log line is about, carried through every await of one Slack request or one job, so a line logged
 * deep inside a service says which workspace and which request it belongs to without passing a logger down.
 */
export type TRequestContext = {
  /** The Slack team (or Enterprise Grid org) id. */
  workspace?: string;
  /** One id per Slack request (the proxy's `x-request-id`, Slack's `event_id`, or random) or per job (its id). */
  requestId: string;
  /** What arrived: `command`, `event`, `block_actions`, `view_submission`…; for jobs, the job name. */
  kind?: string;
  /** The BullMQ queue, for jobs. */
  queue?: string;
};

const storage = new AsyncLocalStorage<TRequestContext>();

/** Runs `fn` (and everything it awaits or schedules) inside `context`. */
export function runInContext<T>(context: TRequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Fills in the workspace once it is known (a delivery's workspace is read from its row, after the job started). */
export function noteWorkspace(workspace: string): void {
  const context = storage.getStore();
  if (context && context.workspace === undefined) context.workspace = workspace;
}

/** The context as log fields: only what is set, so lines outside any request stay unchanged. */
export function contextFields(): Record<string, string> {
  const context = storage.getStore();
  if (!context) return {};
  const fields: Record<string, string> = { requestId: context.requestId };
  if (context.workspace !== undefined) fields.workspace = context.workspace;
  if (context.kind !== undefined) fields.kind = context.kind;
  if (context.queue !== undefined) fields.queue = context.queue;
  return fields;
}

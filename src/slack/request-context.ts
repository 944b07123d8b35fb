import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, BufferedIncomingMessage, ReceiverEvent } from '@slack/bolt';
// Bolt's own router, so "a type Bolt cannot route" means exactly what App.processEvent decides (not exported from the index).
import { getTypeAndConversation } from '@slack/bolt/dist/helpers';
import type { Logger } from '../logger';
import type { TMetrics } from '../observability/metrics';
import { runInContext } from '../observability/request-context';
import { JsonBody } from './json-body';
import { workspaceOf } from './payload';

const RECEIVED_AT = 'canopyReceivedAt';
const REQUEST_ID = 'canopyRequestId';
const arrivals = new WeakMap<IncomingMessage, number>();
const responses = new WeakMap<IncomingMessage, ServerResponse>();
// Each request's custom properties object (HTTPReceiver hands the same one to processEvent) → its HTTP response.
const responseOfProps = new WeakMap<object, ServerResponse>();

/**
 * Stamps each HTTP request when its headers arrive, before Bolt reads the body: the ack latency then
 * includes body reading and signature checks, as Slack's 3 s clock does. The server exists once the app
 * has started; our listener goes first.
 */
function stampArrivalsOnStart(app: App): void {
  const start = app.start.bind(app);
  app.start = async (...args: Parameters<App['start']>) => {
    const server = await start(...args);
    if (server instanceof EventEmitter)
      server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
        arrivals.set(req, performance.now());
        responses.set(req, res);
      });
    return server;
  };
}

/** HTTPReceiver's `customPropertiesExtractor`: the arrival stamp and a proxy's request id reach `processEvent` through it. */
export function requestProperties(req: BufferedIncomingMessage): Record<string, unknown> {
  const forwarded = req.headers['x-request-id'];
  const props = {
    [RECEIVED_AT]: arrivals.get(req) ?? performance.now(),
    ...(typeof forwarded === 'string' && /^[\w.:-]{1,100}$/.test(forwarded) ? { [REQUEST_ID]: forwarded } : {}),
  };
  const res = responses.get(req);
  if (res) responseOfProps.set(props, res);
  return props;
}

/** The metric labels of a request: commands by name, events by type, interactions by their type. Slack signs all three, so they stay few. */
export function requestKind(body: Record<string, unknown>): { kind: string; name: string } {
  if (typeof body.command === 'string') return { kind: 'command', name: body.command };
  if (body.type === 'event_callback') return { kind: 'event', name: String((body.event as { type?: unknown } | undefined)?.type ?? '') };
  return { kind: typeof body.type === 'string' ? body.type : 'unknown', name: '' };
}

/**
 * Every request runs inside a request context (workspace, request id, kind) so every log line of it says
 * which one it belongs to, Bolt's own lines and authorize included; and its ack is timed from arrival.
 * Both need the one place that sees the request whole and its ack function: `App.processEvent`, which each
 * receiver (HTTP, Socket Mode) calls. A global middleware would come too late for authorize and cannot
 * replace the `ack` listeners receive. Requires `requestProperties` as the HTTPReceiver's
 * `customPropertiesExtractor` for the arrival stamp (without it, latency counts from `processEvent`).
 */
export function instrumentRequests(app: App, options: { metrics: TMetrics; logger: Logger }): void {
  stampArrivalsOnStart(app);
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const body = event.body as Record<string, unknown>;
    const labels = requestKind(body);
    const props = event.customProperties ?? {};
    const receivedAt = typeof props[RECEIVED_AT] === 'number' ? props[RECEIVED_AT] : performance.now();
    let timed = false;
    const ack: ReceiverEvent['ack'] = (response) => {
      if (!timed) {
        timed = true;
        options.metrics.ackSeconds.observe(labels, (performance.now() - receivedAt) / 1000);
      }
      if (!(response instanceof JsonBody)) return event.ack(response);
      // HTTPReceiver writes a string as it is, but without a content type, which Slack would read as plain text.
      const res = responseOfProps.get(props);
      if (!res || res.headersSent) return event.ack(response.parsed());
      res.setHeader('content-type', 'application/json');
      return event.ack(response.json);
    };
    const context = { requestId: requestIdOf(props, body), kind: labels.kind, ...workspaceField(body) };
    return runInContext(context, async () => {
      if (getTypeAndConversation(body).type === undefined) {
        // Bolt drops what it cannot route (a legacy dialog_cancellation…) without acking: Slack would wait 3 s
        // and show an error. Nothing is expected back, so an empty 200 is the answer.
        options.logger.info('a request of a type Bolt does not route: acknowledged');
        return ack();
      }
      return processEvent({ ...event, ack });
    });
  };
}

function requestIdOf(props: Record<string, unknown>, body: Record<string, unknown>): string {
  if (typeof props[REQUEST_ID] === 'string') return props[REQUEST_ID];
  if (typeof body.event_id === 'string') return body.event_id;
  return randomUUID();
}

/** The team, or the Enterprise Grid org for an org-wide request that names no team. */
function workspaceField(body: Record<string, unknown>): { workspace?: string } {
  const team = workspaceOf(body as Parameters<typeof workspaceOf>[0]);
  if (team) return { workspace: team };
  const enterprise = (body.enterprise as { id?: unknown } | null | undefined)?.id ?? body.enterprise_id;
  return typeof enterprise === 'string' && enterprise ? { workspace: enterprise } : {};
}

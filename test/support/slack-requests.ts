import { createHmac, randomBytes } from 'node:crypto';
import { FAKE_TEAM, dmChannelId } from './fake-slack';

/**
 * Requests to the app's `POST /slack/events` built exactly as Slack sends them: the same content
 * types, field names and v0 signature, so Bolt's real signature check and parsers run in tests.
 */

export type TSignatureHeaders = { 'x-slack-signature': string; 'x-slack-request-timestamp': string };

export type TRequestOptions = {
  /** Unix seconds for `x-slack-request-timestamp` (default now); older than 5 minutes is stale to Bolt. */
  timestamp?: number;
  /** Sign with the wrong secret, as a forged request would be. */
  badSignature?: boolean;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
  /** Abort after this many ms (default 10 000). */
  timeoutMs?: number;
};

export type TEventOptions = TRequestOptions & {
  /** Slack's redelivery count (`x-slack-retry-num`, 1–3). */
  retryNum?: number;
  /** Why Slack redelivered (`x-slack-retry-reason`), e.g. `http_timeout`, `http_error`. */
  retryReason?: string;
};

export type TSlackResponse = {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  headers: Headers;
  /** Round-trip time in milliseconds. */
  ms: number;
};

export type TCommandFields = {
  command: string;
  text?: string;
  user_id: string;
  team_id?: string;
  channel_id?: string;
  channel_name?: string;
  user_name?: string;
  response_url?: string;
  trigger_id?: string;
  [field: string]: string | undefined;
};

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signRequest(secret: string, rawBody: string, timestampSeconds: number = nowSeconds()): TSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

/**
 * A slash command, form-encoded with Slack's fields. Defaults: team T0CANOPY, the user's DM with the
 * app, and a response_url on hooks.slack.com (unreachable here: pass `fake.responseUrl()` when the
 * handler calls `respond`).
 */
export function postCommand(baseUrl: string, secret: string, fields: TCommandFields, opts: TRequestOptions = {}): Promise<TSlackResponse> {
  const teamId = fields.team_id ?? FAKE_TEAM.teamId;
  const full: Record<string, string> = {
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: teamId,
    team_domain: FAKE_TEAM.teamDomain,
    channel_id: dmChannelId(fields.user_id),
    channel_name: 'directmessage',
    user_id: fields.user_id,
    user_name: fields.user_id.toLowerCase(),
    command: fields.command,
    text: '',
    api_app_id: FAKE_TEAM.appId,
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${teamId}/${randomDigits(13)}/${randomBytes(12).toString('hex')}`,
    trigger_id: newTriggerId(),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) full[key] = value;
  return post(baseUrl, secret, new URLSearchParams(full).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An Events API envelope (event_callback or url_verification), as JSON, with Slack's retry headers when given. */
export function postEvent(baseUrl: string, secret: string, envelope: unknown, opts: TEventOptions = {}): Promise<TSlackResponse> {
  const retryHeaders: Record<string, string> = {};
  if (opts.retryNum !== undefined) retryHeaders['x-slack-retry-num'] = String(opts.retryNum);
  if (opts.retryReason !== undefined) retryHeaders['x-slack-retry-reason'] = opts.retryReason;
  return post(baseUrl, secret, JSON.stringify(envelope), 'application/json', { ...opts, headers: { ...retryHeaders, ...opts.headers } });
}

/** An interaction (block_actions, view_submission, message_action…): form-encoded `payload=<json>`. */
export function postInteraction(baseUrl: string, secret: string, payload: unknown, opts: TRequestOptions = {}): Promise<TSlackResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(baseUrl, secret, body, 'application/x-www-form-urlencoded', opts);
}

/** A trigger_id shaped like Slack's (`<digits>.<digits>.<hex>`), unique per call. */
export function newTriggerId(): string {
  return `${randomDigits(13)}.${randomDigits(13)}.${randomBytes(16).toString('hex')}`;
}

async function post(baseUrl: string, secret: string, body: string, contentType: string, opts: TRequestOptions): Promise<TSlackResponse> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature = signRequest(opts.badSignature ? `${secret}-forged` : secret, body, timestamp);
  const started = performance.now();
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...signature, ...opts.headers },
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  return { status: response.status, text, json: parseJson(text), headers: response.headers, ms };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function randomDigits(n: number): string {
  let out = String(1 + Math.floor(Math.random() * 9));
  while (out.length < n) out += String(Math.floor(Math.random() * 10));
  return out;
}

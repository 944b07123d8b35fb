import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A fake Slack Web API on 127.0.0.1 for tests and benchmarks: the real Bolt app and the real
 * `@slack/web-api` client talk to it over HTTP (via `SLACK_API_URL`), it records every call and
 * answers the way Slack does, including its errors, limits and rate limiting.
 */

export const FAKE_TEAM = {
  teamId: 'T0CANOPY',
  teamDomain: 'canopy-test',
  teamName: 'Canopy Test',
  appId: 'A0CANOPY',
  botId: 'B0CANOPY',
  botUserId: 'U0CANOPYBOT',
} as const;

/** One request the fake received, in arrival order. */
export type TFakeCall = {
  /** Web API method (`chat.postMessage`), or `response_url` / `file_upload` for those endpoints. */
  method: string;
  /** Arguments as the app meant them: JSON-encoded form values (blocks, view…) parsed back; `token` removed. */
  args: Record<string, unknown>;
  /** From `Authorization: Bearer …` (or a legacy `token` form field). */
  token: string | undefined;
  /** Epoch ms when it arrived. */
  at: number;
  /** HTTP status it was answered with (429 / 5xx when a fault or the rate limit hit it). */
  status: number;
  /** Slack's `ok` in the answer; false for `{ok:false}` answers and non-200 statuses. */
  ok: boolean;
  error?: string;
  /** The response_url id or uploaded file id, for those endpoints. */
  target?: string;
};

export type TFakeUserInput = {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  tz_offset?: number;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  /** The workspace the user is in (default FAKE_TEAM's): a token the fake issued for another team cannot reach them. */
  team_id?: string;
  /** The Enterprise Grid org of the user's workspace: an org-wide install's token reaches every workspace of its org. */
  enterprise_id?: string;
  deleted?: boolean;
  profile?: { email?: string; status_emoji?: string; status_text?: string; status_expiration?: number; display_name?: string };
};

export type TFault = {
  /** HTTP status to answer with (429, 500, 503…); omit with `error` for a 200 `{ok:false,error}`. */
  status?: number;
  /** Seconds in the `Retry-After` header of a 429 (default 1). */
  retryAfter?: number;
  /** Slack error code for a 200 `{ok:false,error}` answer, e.g. `user_not_found`, `channel_not_found`. */
  error?: string;
  /** How many consecutive calls fail (default 1). */
  times?: number;
  /** Only calls whose arguments match fail (others pass by): a test's fault must not hit an unrelated message. */
  when?: (args: Record<string, unknown>) => boolean;
};

/** Calls accepted per sliding minute, or per sliding `windowMs` (a short window shows a burst a minute would hide). */
export type TRateLimit = { perMinute: number } | { max: number; windowMs: number };

/** An install the fake's `oauth.v2.access` completes for a code (see `oauthCode`). */
export type TFakeInstall = {
  /** The workspace; omit for an Enterprise Grid org-wide install (`isEnterpriseInstall`). */
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall?: boolean;
  /** Who clicked "Allow" (default `U0INSTALLER`). */
  installerUserId?: string;
  /** Token rotation: the bot token expires after this many seconds and comes with a refresh token. */
  expiresIn?: number;
};

/** A bot token the fake issued through OAuth, and what it may reach. */
export type TIssuedToken = { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean; botUserId: string; botId: string; expiresAt?: number; refreshToken?: string; invalid?: 'token_expired' | 'token_revoked' };

export type TFakeSlackOptions = {
  /** The app's OAuth credentials: `oauth.v2.access` refuses others, as Slack does. Any are taken when omitted. */
  oauth?: { clientId: string; clientSecret: string };
  /** Per-method sliding-window limits; over it the fake answers 429 + Retry-After like Slack. */
  rateLimits?: Record<string, TRateLimit>;
  /**
   * What one limit counts: every call to the method (`method`, the default), or each token's calls apart (`token`),
   * as Slack's limits apply per workspace and each workspace has its own token.
   */
  rateLimitScope?: 'method' | 'token';
  users?: TFakeUserInput[];
  /** Answer `not_authed` to calls without a token, as Slack does (default true). */
  requireToken?: boolean;
  /** Reject messages and views over Slack's Block Kit limits, as Slack does (default true). */
  enforceLimits?: boolean;
  /** Seconds part of the first message ts (default 1700000000, so the first ts is `1700000000.000100`). */
  tsEpoch?: number;
};

/** What a Web API method answers: Slack's JSON body (always HTTP 200). */
export type TSlackBody = Record<string, unknown> & { ok: boolean };
export type TFakeRequest = { method: string; args: Record<string, unknown>; token: string | undefined; target?: string; payload?: Buffer };
export type TMethodHandler = (request: TFakeRequest) => TSlackBody;

export type TFakeSlack = {
  /** Base for `SLACK_API_URL` / `slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly origin: string;
  /** Every request in arrival order; the same array across `reset()`. */
  readonly calls: TFakeCall[];
  /** 429 answers so far (injected and rate-limited). */
  readonly rejected429: number;
  callsTo(method: string): TFakeCall[];
  /** First call to `method` matching `predicate`, including calls already recorded. */
  waitFor(method: string, predicate?: (call: TFakeCall) => boolean, timeoutMs?: number): Promise<TFakeCall>;
  addUser(user: TFakeUserInput): void;
  /** A response_url served by the fake; POSTs to it are recorded with method `response_url`. */
  responseUrl(id?: string): string;
  failNext(method: string, fault: TFault): void;
  /** Delay answers to `method` by `ms` (0 removes it). */
  setDelay(method: string, ms: number): void;
  /** Replace the answer of one method (e.g. `conversations.history`) for the rest of the test. */
  handle(method: string, handler: TMethodHandler): void;
  /**
   * Every chat.postMessage to this user or channel (a user id covers their DM) answers `{ok:false, error}`
   * from now on, as Slack does for a user who left (`user_not_found`, `account_inactive`…).
   */
  failFor(channelOrUser: string, error: string): void;
  /** The messages the bot posted in a channel (a user id means their DM), oldest first, as conversations.history holds them. */
  messagesIn(channelOrUser: string): Record<string, unknown>[];
  /** Bytes uploaded for a file id through files.uploadV2 (files.getUploadURLExternal, the upload URL, files.completeUploadExternal). */
  fileContent(fileId: string): Buffer | undefined;
  /** Clears calls, faults, delays, handlers, rate-limit windows, counters and posted messages; keeps users unless asked. */
  reset(options?: { users?: boolean }): void;
  /**
   * A one-time code `oauth.v2.access` exchanges for a new bot token of this install (what Slack puts on the redirect
   * after "Allow"). Tokens the fake issues reach only their own team's (or org's) users, expire when rotating, and
   * answer `token_expired` once refreshed or expired; the default `xoxb-test-token` and other tokens reach everyone.
   */
  oauthCode(install: TFakeInstall): string;
  /** What the fake knows of a token it issued (undefined for any other token). */
  issuedToken(token: string): TIssuedToken | undefined;
  /** The token has expired (as if its `expires_in` had passed). */
  expireToken(token: string): void;
  /** The token was revoked (uninstall): it answers `token_revoked`. */
  revokeToken(token: string): void;
  close(): Promise<void>;
};

/** The DM channel id the fake gives a user (`U0REP1` → `D0REP1`). */
export function dmChannelId(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}

// Slack's documented Block Kit limits; exceeding them gets `invalid_blocks` / `invalid_arguments`.
const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  messageText: 40_000,
  privateMetadata: 3000,
};

// Form fields whose value is free text, which must stay a string even when it looks like JSON.
const TEXT_FIELDS = new Set(['text', 'markdown_text', 'initial_comment', 'content', 'title', 'alt_text', 'query', 'filename']);

export async function startFakeSlack(options: TFakeSlackOptions = {}): Promise<TFakeSlack> {
  const requireToken = options.requireToken ?? true;
  const enforceLimits = options.enforceLimits ?? true;
  const calls: TFakeCall[] = [];
  const users = new Map<string, TFakeUserInput>();
  const faults = new Map<string, TFault[]>();
  const delays = new Map<string, number>();
  const handlers = new Map<string, TMethodHandler>();
  const windows = new Map<string, number[]>();
  const openedDms = new Set<string>();
  const files = new Map<string, { filename: string; data?: Buffer }>();
  // Channel id → messages the bot posted there, oldest first (what conversations.history answers from).
  const history = new Map<string, Record<string, unknown>[]>();
  const failing = new Map<string, string>();
  type TWaiter = {
    method: string;
    predicate: (c: TFakeCall) => boolean;
    resolve: (c: TFakeCall) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  };
  const waiters = new Set<TWaiter>();
  let rejected429 = 0;
  let tsSeq = 0;
  let idSeq = 0;
  const tsEpochMicros = (options.tsEpoch ?? 1_700_000_000) * 1_000_000;
  for (const user of options.users ?? []) users.set(user.id, user);

  // Unique and increasing for the life of the fake (not reset), so ts stay usable as keys.
  const nextTs = (): string => {
    tsSeq += 1;
    const micros = tsEpochMicros + tsSeq * 100;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  };
  const nextId = (prefix: string): string => `${prefix}0${String(++idSeq).padStart(8, '0')}`;

  // Known once the server listens (at the end of this function, before anyone can call it).
  let origin = '';

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', origin).pathname;
    const raw = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'method_not_allowed' });

    let request: TFakeRequest;
    if (path.startsWith('/api/')) {
      const args = parseArgs(raw, contentType);
      const token = bearer(req.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
      delete args.token;
      request = { method: decodeURIComponent(path.slice('/api/'.length)), args, token };
    } else if (path.startsWith('/response/')) {
      request = { method: 'response_url', args: parseJson(raw), token: undefined, target: decodeURIComponent(path.slice('/response/'.length)) };
    } else if (path.startsWith('/upload/')) {
      const upload = await parseUpload(raw, contentType);
      const target = decodeURIComponent(path.slice('/upload/'.length));
      // The client names the multipart part "Untitled"; the real name was given to getUploadURLExternal.
      const filename = files.get(target)?.filename ?? upload.filename;
      request = {
        method: 'file_upload',
        args: { file_id: target, filename, bytes: upload.data.length },
        token: bearer(req.headers.authorization),
        target,
        payload: upload.data,
      };
    } else {
      return send(res, 404, { ok: false, error: 'not_found' });
    }

    const answer = answerFor(request);
    const call: TFakeCall = {
      method: request.method,
      args: request.args,
      token: request.token,
      at: Date.now(),
      status: answer.status,
      ok: answer.status === 200 && answer.body.ok === true,
      ...(typeof answer.body.error === 'string' ? { error: answer.body.error } : {}),
      ...(request.target !== undefined ? { target: request.target } : {}),
    };
    calls.push(call);
    notify(call);
    const delay = delays.get(request.method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    send(res, answer.status, answer.body, answer.headers);
  }

  function answerFor(request: TFakeRequest): { status: number; body: TSlackBody; headers?: Record<string, string> } {
    const fault = takeFault(request.method, request.args);
    if (fault) return faultAnswer(fault);
    const retryAfter = rateLimited(request.method, request.token);
    if (retryAfter !== undefined) {
      rejected429 += 1;
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } };
    }
    const isApi = request.method !== 'response_url' && request.method !== 'file_upload';
    // oauth.v2.access authenticates with the app's client id and secret, not a token.
    if (isApi && requireToken && !request.token && request.method !== 'oauth.v2.access') return { status: 200, body: { ok: false, error: 'not_authed' } };
    const refusal = isApi && request.token ? tokenRefusal(request) : undefined;
    if (refusal) return { status: 200, body: { ok: false, error: refusal } };
    const handler = handlers.get(request.method) ?? builtIn[request.method] ?? (() => ({ ok: true }));
    return { status: 200, body: handler(request) };
  }

  function takeFault(method: string, args: Record<string, unknown>): TFault | undefined {
    const queue = faults.get(method);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    if (fault.when && !fault.when(args)) return undefined;
    const left = (fault.times ?? 1) - 1;
    if (left > 0) queue[0] = { ...fault, times: left };
    else queue.shift();
    return fault;
  }

  function faultAnswer(fault: TFault): { status: number; body: TSlackBody; headers?: Record<string, string> } {
    const status = fault.status ?? 200;
    if (status === 429) {
      rejected429 += 1;
      return { status, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfter ?? 1) } };
    }
    if (status !== 200) return { status, body: { ok: false, error: fault.error ?? 'internal_error' } };
    return { status, body: { ok: false, error: fault.error ?? 'fatal_error' } };
  }

  // Sliding window of accepted calls (per method, or per method and token); Retry-After is when the oldest one leaves it.
  function rateLimited(method: string, token: string | undefined): number | undefined {
    const limit = options.rateLimits?.[method];
    if (!limit) return undefined;
    const [max, windowMs] = 'perMinute' in limit ? [limit.perMinute, 60_000] : [limit.max, limit.windowMs];
    const key = options.rateLimitScope === 'token' ? `${method} ${token ?? ''}` : method;
    const now = Date.now();
    const window = (windows.get(key) ?? []).filter((t) => t > now - windowMs);
    windows.set(key, window);
    if (window.length < max) {
      window.push(now);
      return undefined;
    }
    return Math.max(1, Math.ceil(((window[0] ?? now) + windowMs - now) / 1000));
  }

  function notify(call: TFakeCall): void {
    for (const waiter of waiters) {
      if (waiter.method !== call.method || !waiter.predicate(call)) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve(call);
    }
  }

  const botMessage = (args: Record<string, unknown>, ts: string): Record<string, unknown> => ({
    type: 'message',
    user: FAKE_TEAM.botUserId,
    bot_id: FAKE_TEAM.botId,
    app_id: FAKE_TEAM.appId,
    team: FAKE_TEAM.teamId,
    text: typeof args.text === 'string' ? args.text : '',
    ts,
    ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
    ...(args.attachments !== undefined ? { attachments: args.attachments } : {}),
    ...(args.thread_ts !== undefined ? { thread_ts: args.thread_ts, parent_user_id: FAKE_TEAM.botUserId } : {}),
    ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
    bot_profile: { id: FAKE_TEAM.botId, app_id: FAKE_TEAM.appId, name: 'Canopy', deleted: false, team_id: FAKE_TEAM.teamId },
  });

  const resolveChannel = (channel: unknown): string | undefined =>
    typeof channel !== 'string' || channel === '' ? undefined : /^[UW]/.test(channel) ? dmChannelId(channel) : channel;

  // Like Slack, an invalid_blocks answer says which block broke which limit.
  const messageFailure = (args: Record<string, unknown>, requireContent = true): TSlackBody | undefined => {
    const empty = args.text === undefined && args.blocks === undefined && args.attachments === undefined;
    if (requireContent && empty) return { ok: false, error: 'no_text' };
    if (!enforceLimits) return undefined;
    if (typeof args.text === 'string' && args.text.length > LIMITS.messageText) return { ok: false, error: 'msg_too_long' };
    const problem = blocksError(args.blocks, LIMITS.messageBlocks);
    return problem ? { ok: false, error: 'invalid_blocks', response_metadata: { messages: [`[ERROR] ${problem}`] } } : undefined;
  };

  const viewAnswer = (args: Record<string, unknown>, fallbackType: string): TSlackBody => {
    const view = args.view;
    if (!isRecord(view)) return { ok: false, error: 'invalid_arguments' };
    if (enforceLimits) {
      const metadataTooLong = typeof view.private_metadata === 'string' && view.private_metadata.length > LIMITS.privateMetadata;
      const problem = blocksError(view.blocks, LIMITS.viewBlocks) ?? (metadataTooLong ? 'private_metadata is over 3000 characters' : undefined);
      if (problem) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] ${problem}`] } };
    }
    const existingId = typeof args.view_id === 'string' ? args.view_id : undefined;
    const id = existingId ?? nextId('V');
    const stored = {
      id, team_id: FAKE_TEAM.teamId, type: view.type ?? fallbackType, blocks: view.blocks ?? [], private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '', external_id: view.external_id ?? args.external_id ?? '', state: { values: {} }, hash: `${Date.now()}.${idSeq}`,
      title: view.title, close: view.close ?? null, submit: view.submit ?? null, clear_on_close: false, notify_on_close: false,
      root_view_id: existingId ?? id, previous_view_id: null, app_id: FAKE_TEAM.appId, app_installed_team_id: FAKE_TEAM.teamId, bot_id: FAKE_TEAM.botId,
    };
    return { ok: true, view: stored };
  };

  // OAuth: codes waiting to be exchanged, the tokens issued from them, refresh tokens → their current access token.
  const codes = new Map<string, TFakeInstall>();
  const issued = new Map<string, TIssuedToken>();
  const refreshTokens = new Map<string, string>();
  let tokenSeq = 0;

  const userOf = (id: string): TFakeUserInput | undefined => users.get(id) ?? [...users.values()].find((u) => dmChannelId(u.id) === id);

  // A token the fake issued reaches only its own team's users (an org's token: its org's), as Slack's do.
  function tokenRefusal(request: TFakeRequest): string | undefined {
    const token = issued.get(request.token ?? '');
    if (!token) return undefined;
    if (token.invalid) return token.invalid;
    if (token.expiresAt !== undefined && Date.now() / 1000 >= token.expiresAt) return 'token_expired';
    const targets = [request.args.user, request.args.user_id, request.args.channel, ...String(request.args.users ?? '').split(',')];
    for (const target of targets) {
      const user = typeof target === 'string' && target !== '' ? userOf(target) : undefined;
      if (!user) continue;
      const sameTeam = token.isEnterpriseInstall ? user.enterprise_id === token.enterpriseId : (user.team_id ?? FAKE_TEAM.teamId) === token.teamId;
      if (!sameTeam) return 'invalid_auth';
    }
    return undefined;
  }

  function issueToken(install: TFakeInstall, botUserId: string, botId: string): { token: string; refreshToken?: string; expiresIn?: number } {
    const owner = install.isEnterpriseInstall ? install.enterpriseId : install.teamId;
    const rotating = install.expiresIn !== undefined;
    const token = `${rotating ? 'xoxe.' : ''}xoxb-${owner}-${++tokenSeq}-${randomBytes(8).toString('hex')}`;
    const refreshToken = rotating ? `xoxe-1-${owner}-${randomBytes(8).toString('hex')}` : undefined;
    issued.set(token, {
      ...(install.teamId && !install.isEnterpriseInstall ? { teamId: install.teamId } : {}),
      ...(install.enterpriseId ? { enterpriseId: install.enterpriseId } : {}),
      isEnterpriseInstall: install.isEnterpriseInstall ?? false,
      botUserId, botId,
      ...(rotating ? { expiresAt: Math.floor(Date.now() / 1000) + install.expiresIn!, refreshToken } : {}),
    });
    if (refreshToken) refreshTokens.set(refreshToken, token);
    return { token, ...(refreshToken ? { refreshToken, expiresIn: install.expiresIn } : {}) };
  }

  const clientRefusal = (args: Record<string, unknown>): TSlackBody | undefined => {
    if (!options.oauth) return undefined;
    if (args.client_id !== options.oauth.clientId) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== options.oauth.clientSecret) return { ok: false, error: 'bad_client_secret' };
    return undefined;
  };

  const installOf = (token: TIssuedToken): TFakeInstall => ({ teamId: token.teamId, enterpriseId: token.enterpriseId, isEnterpriseInstall: token.isEnterpriseInstall });

  // Slack's oauth.v2.access: a code from the redirect, or (token rotation) a refresh token, for a bot token.
  const oauthAccess: TMethodHandler = ({ args }) => {
    const refused = clientRefusal(args);
    if (refused) return refused;
    if (args.grant_type === 'refresh_token') {
      const current = refreshTokens.get(String(args.refresh_token ?? ''));
      const token = current ? issued.get(current) : undefined;
      if (!current || !token) return { ok: false, error: 'invalid_refresh_token' };
      const lifetime = (token.expiresAt ?? 0) - Math.floor(Date.now() / 1000);
      const fresh = issueToken({ ...installOf(token), expiresIn: Math.max(lifetime, 43_200) }, token.botUserId, token.botId);
      // The old access token is done; the refresh token stays the same (Slack's does), now pointing at the new one.
      token.invalid = 'token_expired';
      refreshTokens.set(String(args.refresh_token), fresh.token);
      issued.set(fresh.token, { ...issued.get(fresh.token)!, refreshToken: String(args.refresh_token) });
      refreshTokens.delete(fresh.refreshToken!);
      return {
        ok: true, access_token: fresh.token, token_type: 'bot', expires_in: fresh.expiresIn, refresh_token: String(args.refresh_token),
        scope: 'commands,chat:write', bot_user_id: token.botUserId, app_id: FAKE_TEAM.appId,
        team: token.teamId ? { id: token.teamId } : null, enterprise: token.enterpriseId ? { id: token.enterpriseId } : null, is_enterprise_install: token.isEnterpriseInstall,
      };
    }
    const install = codes.get(String(args.code ?? ''));
    if (!install) return { ok: false, error: 'invalid_code' };
    codes.delete(String(args.code));
    const owner = (install.isEnterpriseInstall ? install.enterpriseId : install.teamId) ?? 'X';
    const botUserId = `U0BOT${owner}`;
    const botId = `B0BOT${owner}`;
    const grant = issueToken(install, botUserId, botId);
    return {
      ok: true, access_token: grant.token, token_type: 'bot', scope: String(args.scope ?? 'commands,chat:write,im:write,users:read'),
      bot_user_id: botUserId, app_id: FAKE_TEAM.appId,
      team: install.isEnterpriseInstall ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: install.enterpriseName ?? install.enterpriseId } : null,
      is_enterprise_install: install.isEnterpriseInstall ?? false,
      authed_user: { id: install.installerUserId ?? 'U0INSTALLER' },
      ...(grant.refreshToken ? { refresh_token: grant.refreshToken, expires_in: grant.expiresIn } : {}),
    };
  };

  // auth.test for a token the fake issued: its own team (or org) and bot.
  const issuedAuthTest = (raw: string | undefined): TSlackBody | undefined => {
    const token = issued.get(raw ?? '');
    if (!token) return undefined;
    const owner = token.teamId ?? token.enterpriseId ?? '';
    return {
      ok: true, url: `https://${owner.toLowerCase()}.slack.com/`, team: owner, user: 'canopy', team_id: token.teamId ?? '',
      user_id: token.botUserId, bot_id: token.botId, is_enterprise_install: token.isEnterpriseInstall,
      ...(token.enterpriseId ? { enterprise_id: token.enterpriseId } : {}),
    };
  };

  const builtIn: Record<string, TMethodHandler> = {
    'oauth.v2.access': oauthAccess,
    'auth.test': ({ token }) => issuedAuthTest(token) ?? {
      ok: true, url: `https://${FAKE_TEAM.teamDomain}.slack.com/`, team: FAKE_TEAM.teamName, user: 'canopy',
      team_id: FAKE_TEAM.teamId, user_id: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, is_enterprise_install: false,
    },
    'users.info': ({ args }) => {
      const user = users.get(String(args.user ?? ''));
      return user ? { ok: true, user: slackUser(user) } : { ok: false, error: 'user_not_found' };
    },
    'users.lookupByEmail': ({ args }) => {
      const email = String(args.email ?? '').toLowerCase();
      const user = [...users.values()].find((u) => u.profile?.email?.toLowerCase() === email);
      return user ? { ok: true, user: slackUser(user) } : { ok: false, error: 'users_not_found' };
    },
    'users.profile.get': ({ args }) => {
      const user = users.get(String(args.user ?? ''));
      return user ? { ok: true, profile: slackUser(user).profile } : { ok: false, error: 'user_not_found' };
    },
    'conversations.open': ({ args }) => {
      const ids = String(args.users ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (ids.length === 0) {
        return typeof args.channel === 'string' ? { ok: true, channel: { id: args.channel } } : { ok: false, error: 'users_list_not_supplied' };
      }
      const id = ids.length === 1 ? dmChannelId(ids[0] ?? '') : `G${ids.map((u) => u.replace(/^[UW]/, '')).sort().join('')}`;
      const already = openedDms.has(id);
      openedDms.add(id);
      return already ? { ok: true, no_op: true, already_open: true, channel: { id } } : { ok: true, channel: { id } };
    },
    'chat.postMessage': ({ args }) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const failFor = failing.get(channel);
      if (failFor) return { ok: false, error: failFor };
      const failure = messageFailure(args);
      if (failure) return failure;
      const ts = nextTs();
      const message = botMessage(args, ts);
      history.set(channel, [...(history.get(channel) ?? []), message]);
      return { ok: true, channel, ts, message };
    },
    // Top-level messages newest first, within (oldest, latest); metadata only with include_all_metadata, as Slack does.
    'conversations.history': ({ args }) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const oldest = Number(args.oldest ?? 0);
      const latest = args.latest === undefined ? Infinity : Number(args.latest);
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const all = (history.get(channel) ?? [])
        .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
        .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
        .reverse()
        .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'metadata'))));
      const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
      const start = Number(String(args.cursor ?? '').replace(/^next_/, '')) || 0;
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { ok: true, messages: page, has_more: more, pin_count: 0, response_metadata: { next_cursor: more ? `next_${start + limit}` : '' } };
    },
    'chat.postEphemeral': ({ args }) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (typeof args.user !== 'string' || args.user === '') return { ok: false, error: 'user_not_in_channel' };
      return messageFailure(args) ?? { ok: true, message_ts: nextTs() };
    },
    'chat.update': ({ args }) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (typeof args.ts !== 'string') return { ok: false, error: 'message_not_found' };
      const failure = messageFailure(args, false);
      if (failure) return failure;
      const message = { ...botMessage(args, args.ts), edited: { user: FAKE_TEAM.botUserId, ts: nextTs() } };
      const stored = history.get(channel)?.find((m) => m.ts === args.ts);
      if (stored) Object.assign(stored, { ...message, metadata: args.metadata ?? stored.metadata });
      return { ok: true, channel, ts: args.ts, text: typeof args.text === 'string' ? args.text : '', message };
    },
    'chat.delete': ({ args }) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (typeof args.ts !== 'string') return { ok: false, error: 'message_not_found' };
      history.set(channel, (history.get(channel) ?? []).filter((m) => m.ts !== args.ts));
      return { ok: true, channel, ts: args.ts };
    },
    'chat.getPermalink': ({ args }) => {
      const channel = resolveChannel(args.channel);
      const ts = typeof args.message_ts === 'string' ? args.message_ts : '';
      if (!channel) return { ok: false, error: 'channel_not_found' };
      return { ok: true, channel, permalink: `https://${FAKE_TEAM.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
    },
    'views.publish': ({ args }) => (typeof args.user_id === 'string' ? viewAnswer(args, 'home') : { ok: false, error: 'invalid_arguments' }),
    'views.open': ({ args }) => viewAnswer(args, 'modal'),
    'views.push': ({ args }) => viewAnswer(args, 'modal'),
    'views.update': ({ args }) => viewAnswer(args, 'modal'),
    'files.getUploadURLExternal': ({ args }) => {
      if (typeof args.filename !== 'string' || args.length === undefined) return { ok: false, error: 'invalid_arguments' };
      const fileId = nextId('F');
      files.set(fileId, { filename: args.filename });
      return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
    },
    file_upload: ({ target, payload }) => {
      const file = target ? files.get(target) : undefined;
      if (!file) return { ok: false, error: 'file_not_found' };
      file.data = payload;
      return { ok: true };
    },
    'files.completeUploadExternal': ({ args }) => {
      const list = Array.isArray(args.files) ? (args.files as Array<{ id?: string; title?: string }>) : [];
      if (list.length === 0) return { ok: false, error: 'invalid_arguments' };
      const missing = list.find((f) => !f.id || !files.get(f.id)?.data);
      if (missing) return { ok: false, error: 'file_not_found' };
      const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
      // channel_id is a channel id (conversations.open gives a DM's); unlike chat.postMessage, not a user id.
      if (channel !== undefined && !/^[CDG][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
      const shared = list.map((f) => ({ id: f.id, name: files.get(f.id ?? '')!.filename, title: f.title ?? files.get(f.id ?? '')!.filename }));
      // Sharing posts one message in the channel carrying the files and the initial comment, as Slack shows it.
      if (channel) {
        const message = { ...botMessage({ text: typeof args.initial_comment === 'string' ? args.initial_comment : '' }, nextTs()), files: shared, upload: true };
        history.set(channel, [...(history.get(channel) ?? []), message]);
      }
      return {
        ok: true,
        files: list.map((f) => {
          const file = files.get(f.id ?? '')!;
          return {
            id: f.id, name: file.filename, title: f.title ?? file.filename, size: file.data?.length ?? 0, user: FAKE_TEAM.botUserId,
            created: Math.floor(Date.now() / 1000), url_private: `${origin}/files/${f.id}/${file.filename}`,
            permalink: `https://${FAKE_TEAM.teamDomain}.slack.com/files/${FAKE_TEAM.botUserId}/${f.id}/${file.filename}`,
            channels: channel ? [channel] : [],
          };
        }),
      };
    },
    response_url: () => ({ ok: true }),
  };

  function slackUser(user: TFakeUserInput): Record<string, unknown> {
    const tz = user.tz ?? 'America/New_York';
    const realName = user.real_name ?? user.name;
    const profile = user.profile ?? {};
    return {
      id: user.id, team_id: user.team_id ?? FAKE_TEAM.teamId, name: user.name, deleted: user.deleted ?? false, color: '9f69e7',
      real_name: realName, tz, tz_label: zoneLabel(tz), tz_offset: user.tz_offset ?? zoneOffsetSeconds(tz),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: profile.display_name ?? user.name,
        display_name_normalized: profile.display_name ?? user.name,
        email: profile.email,
        status_text: profile.status_text ?? '',
        status_emoji: profile.status_emoji ?? '',
        status_expiration: profile.status_expiration ?? 0,
        avatar_hash: 'g0canopy', image_48: 'https://secure.gravatar.com/avatar/0.jpg?s=48', team: FAKE_TEAM.teamId,
      },
      is_admin: user.is_admin ?? false, is_owner: user.is_owner ?? false, is_primary_owner: false, is_restricted: false,
      is_ultra_restricted: false, is_bot: user.is_bot ?? false, is_app_user: false, updated: 1_700_000_000, is_email_confirmed: true,
    };
  }

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: 'fake_slack_crashed', detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    get rejected429() {
      return rejected429;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor(method, predicate, timeoutMs = 5000) {
      const matches = predicate ?? (() => true);
      const found = calls.find((c) => c.method === method && matches(c));
      if (found) return Promise.resolve(found);
      return new Promise<TFakeCall>((resolve, reject) => {
        const waiter = {
          method, predicate: matches, resolve, reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const what = predicate ? `${method} call matching the predicate` : `${method} call`;
            reject(new Error(`fake-slack: no ${what} within ${timeoutMs} ms; recorded: ${summarize(calls)}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    addUser: (user) => void users.set(user.id, user),
    oauthCode(install) {
      const code = `${randomBytes(6).toString('hex')}.${++idSeq}`;
      codes.set(code, install);
      return code;
    },
    issuedToken: (token) => issued.get(token),
    expireToken(token) {
      const known = issued.get(token);
      if (known) known.invalid = 'token_expired';
    },
    revokeToken(token) {
      const known = issued.get(token);
      if (known) known.invalid = 'token_revoked';
    },
    responseUrl: (id = `R${String(++idSeq).padStart(6, '0')}`) => `${origin}/response/${encodeURIComponent(id)}`,
    failNext(method, fault) {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    setDelay(method, ms) {
      if (ms > 0) delays.set(method, ms);
      else delays.delete(method);
    },
    handle: (method, handler) => void handlers.set(method, handler),
    failFor: (channelOrUser, error) => void failing.set(resolveChannel(channelOrUser) ?? channelOrUser, error),
    messagesIn: (channelOrUser) => [...(history.get(resolveChannel(channelOrUser) ?? '') ?? [])],
    fileContent: (fileId) => files.get(fileId)?.data,
    reset(resetOptions = {}) {
      calls.length = 0;
      for (const map of [faults, delays, handlers, windows, history, failing]) map.clear();
      openedDms.clear();
      rejected429 = 0;
      if (resetOptions.users) users.clear();
    },
    async close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`fake-slack: closed while waiting for ${waiter.method}`));
      }
      waiters.clear();
      // fetch keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The first Block Kit limit a block list breaks, or undefined. */
function blocksError(blocks: unknown, maxBlocks: number): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > maxBlocks) return `no more than ${maxBlocks} items allowed`;
  for (const [i, block] of blocks.entries()) {
    if (!isRecord(block) || typeof block.type !== 'string') return `blocks[${i}] has no type`;
    const text = isRecord(block.text) ? block.text.text : undefined;
    const maxText = block.type === 'section' ? LIMITS.sectionText : block.type === 'header' ? LIMITS.headerText : Infinity;
    if (typeof text === 'string' && text.length > maxText) return `blocks[${i}].text over ${maxText} characters`;
    if (!Array.isArray(block.fields)) continue;
    const longField = block.fields.some((f) => isRecord(f) && typeof f.text === 'string' && f.text.length > LIMITS.fieldText);
    if (block.fields.length > LIMITS.sectionFields || longField) return `blocks[${i}].fields over limits`;
  }
  return undefined;
}

function summarize(calls: TFakeCall[]): string {
  if (calls.length === 0) return '(none)';
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
  return [...counts].map(([method, n]) => (n > 1 ? `${method} ×${n}` : method)).join(', ');
}

function parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return parseJson(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    args[key] = TEXT_FIELDS.has(key) ? value : maybeJson(value);
  }
  return args;
}

// @slack/web-api JSON-encodes every non-primitive argument (blocks, view, files…) inside the form.
function maybeJson(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function parseJson(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    return isRecord(parsed) ? parsed : { body: parsed };
  } catch {
    return { raw: raw.toString('utf8') };
  }
}

// files.uploadV2 posts the bytes as multipart/form-data (field `body`); undici's Request parses it.
async function parseUpload(raw: Buffer, contentType: string): Promise<{ filename?: string; data: Buffer }> {
  if (!contentType.includes('multipart/form-data')) return { data: raw };
  const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return { filename: value.name, data: Buffer.from(await value.arrayBuffer()) };
  }
  return { data: Buffer.alloc(0) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Slack derives tz_offset (seconds) and tz_label from the IANA zone at the current date.
function zoneOffsetSeconds(tz: string): number {
  const part = zoneName(tz, 'longOffset') ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

function zoneLabel(tz: string): string {
  return zoneName(tz, 'long') ?? tz;
}

function zoneName(tz: string, style: 'long' | 'longOffset'): string | undefined {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(new Date());
  return parts.find((p) => p.type === 'timeZoneName')?.value;
}

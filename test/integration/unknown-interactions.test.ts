import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture, type TFixtureName } from '../support/fixtures';
import { postCommand, postInteraction, type TSlackResponse } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

/*
 * SPEC §3: every interaction is acknowledged within Slack's 3 s, including ones the app no longer knows.
 * Slack's documented payload samples for each interaction type (test/fixtures/slack/*-old.json and the
 * block_actions ones), with ids no listener has, over real HTTP. Bolt's unhandled-request timeout is raised
 * to a minute here, so a request nobody acks would hang past the client's 10 s timeout and fail the test
 * instead of getting Bolt's 404 at 3 s; a 200 with the expected body therefore means our middleware answered.
 */

const NOTE = 'from an older version of Canopy';
const REQUEST_TIMEOUT_MS = 10_000;

type TLogLine = { level: number; msg: string; workspace?: string; requestId?: string; kind?: string };

describe('interactions the app no longer knows are acked at once, with a polite note where someone waits', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  const lines: TLogLine[] = [];
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeSlack({ users: [{ id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/New_York' }] });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as TLogLine);
        done();
      },
    });
    app = await startTestApp({ fake, logger: createLogger('debug', 'canopy', sink), unhandledRequestTimeoutMillis: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    lines.length = 0;
  });

  /** Posts the fixture with its response_url pointed at the fake (when it has one); the ack and that url's id. */
  async function post(name: TFixtureName, overrides: Record<string, unknown> = {}): Promise<{ res: TSlackResponse; target: string }> {
    const target = `r${++n}`;
    const base = loadFixture(name);
    const payload = loadFixture(name, { ...('response_url' in base ? { response_url: fake.responseUrl(target) } : {}), ...overrides });
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, payload, { timeoutMs: REQUEST_TIMEOUT_MS });
    return { res, target };
  }
  const noteTo = (target: string) => fake.waitFor('response_url', (c: TFakeCall) => c.target === target);

  it('a button on an old message: 200 with an empty body, then an ephemeral note that leaves the message as it was', async () => {
    const { res, target } = await post('block-actions-message');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const note = await noteTo(target);
    expect(note.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note.args.text)).toContain(`This button or menu is ${NOTE}`);
    expect(String(note.args.text)).toContain('/stats');
    expect(String(note.args.text)).toContain('/coach help');
  });

  it('a button on an old Home tab: acked, and the current Home tab is published over it', async () => {
    const { res } = await post('block-actions-home');
    expect(res.status).toBe(200);
    const publish = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0REP1');
    expect((publish.args.view as { type: string }).type).toBe('home');
    expect(fake.callsTo('response_url')).toHaveLength(0);
  });

  it('a button inside an old modal: acked and nothing else (what was typed in the modal stays)', async () => {
    const { res } = await post('block-actions-modal');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await settled();
    expect(fake.calls.filter((c) => c.method.startsWith('views.') || c.method === 'response_url')).toHaveLength(0);
  });

  it('an old form submitted: the modal is updated to a note saying it is from an older version', async () => {
    const { res } = await post('view-submission-old-form');
    expect(res.status).toBe(200);
    const body = res.json as { response_action: string; view: { type: string; blocks: { text?: { text: string } }[] } };
    expect(body.response_action).toBe('update');
    expect(body.view.type).toBe('modal');
    expect(JSON.stringify(body.view.blocks)).toContain(`This form is ${NOTE}`);
  });

  it('an old form closed (view_closed): acked, and no note', async () => {
    const { res } = await post('view-closed-old-form');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await settled();
    expect(fake.calls).toHaveLength(0);
  });

  it('an old global shortcut: acked, and the note opens as a modal with its trigger', async () => {
    const { res } = await post('shortcut-global-old');
    expect(res.status).toBe(200);
    const open = await fake.waitFor('views.open', (c) => c.args.trigger_id === loadFixture('shortcut-global-old').trigger_id);
    expect(JSON.stringify(open.args.view)).toContain(`This shortcut is ${NOTE}`);
  });

  it('an old message shortcut: acked, then an ephemeral note through its response_url', async () => {
    const { res, target } = await post('message-action-old');
    expect(res.status).toBe(200);
    expect(String((await noteTo(target)).args.text)).toContain(`This shortcut is ${NOTE}`);
  });

  it('a legacy attachment button (interactive_message): acked, then a note that does not replace the message', async () => {
    const { res, target } = await post('interactive-message-old');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const note = await noteTo(target);
    expect(note.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('a legacy dialog submitted: an empty 200 (which closes it), then the note through its response_url', async () => {
    const { res, target } = await post('dialog-submission-old');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(String((await noteTo(target)).args.text)).toContain(`This form is ${NOTE}`);
  });

  it('a legacy dialog cancelled (a type Bolt does not route): acked, and no note', async () => {
    const { res } = await post('dialog-cancellation-old');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await settled();
    expect(fake.calls).toHaveLength(0);
  });

  it('options for an unknown select (block_suggestion, dialog_suggestion): an empty list at once', async () => {
    const block = await post('block-suggestion-log-deal', { action_id: 'old_deal_picker', block_id: 'old_block' });
    expect(block.res.status).toBe(200);
    expect(block.res.json).toEqual({ options: [] });
    const dialog = await post('dialog-suggestion-old');
    expect(dialog.res.status).toBe(200);
    expect(dialog.res.json).toEqual({ options: [] });
  });

  it('a slash command the app does not know: the ack itself is the note', async () => {
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/canopy-old', user_id: 'U0REP1' }, { timeoutMs: REQUEST_TIMEOUT_MS });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(String((res.json as { text: string }).text)).toContain('`/canopy-old` is not a command Canopy knows');
  });

  it('a known button is still handled by its own listener, once: no note, no second ack', async () => {
    const click = loadFixture('block-actions-home', { actions: [{ action_id: 'log_activity_open', block_id: 'home_actions', type: 'button', value: '{}', action_ts: '1700000123.456790' }] });
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, click, { timeoutMs: REQUEST_TIMEOUT_MS });
    expect(res.status).toBe(200);
    await fake.waitFor('views.open', (c) => c.args.trigger_id === (click as { trigger_id?: string }).trigger_id);
    await settled();
    expect(fake.callsTo('views.open')).toHaveLength(1);
    expect(fake.callsTo('response_url')).toHaveLength(0);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // (settled() itself posts an unknown dialog, logged as such: look only at the click's lines.)
    expect(lines.some((l) => l.kind === 'block_actions' && /older version/.test(l.msg))).toBe(false);
  });

  it('a known command is answered by its listener, not the note', async () => {
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text: 'help', user_id: 'U0REP1', response_url: fake.responseUrl('help') }, { timeoutMs: REQUEST_TIMEOUT_MS });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(NOTE);
    expect(res.text).not.toContain('not a command Canopy knows');
  });

  /** Lets any work the request started after its ack run to its end (the fake answers on loopback). */
  async function settled(): Promise<void> {
    // A request the app handles in full, posted after: by the time its own note arrives, the earlier one's would have too.
    const { target } = await post('dialog-submission-old');
    await noteTo(target);
    fake.calls.splice(fake.calls.findIndex((c) => c.target === target), 1);
  }
});

describe('log lines carry the workspace and the request id', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  const lines: TLogLine[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack({ users: [{ id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/New_York' }] });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as TLogLine);
        done();
      },
    });
    app = await startTestApp({ fake, logger: createLogger('debug', 'canopy', sink) });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('a line logged deep in a listener, after its Slack calls, has the workspace and the proxy request id', async () => {
    fake.failNext('views.open', { error: 'expired_trigger_id' });
    const click = loadFixture('block-actions-home', { actions: [{ action_id: 'log_activity_open', block_id: 'home_actions', type: 'button', value: '{}', action_ts: '1700000123.456790' }] });
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, click, { headers: { 'x-request-id': 'req-7f3a' } });
    expect(res.status).toBe(200);
    const line = await waitForLine(lines, 'could not open a modal from the Home tab');
    expect(line).toMatchObject({ workspace: 'T0CANOPY', requestId: 'req-7f3a', kind: 'block_actions' });
  });

  it('without a proxy id, each request gets its own; lines outside any request have none', async () => {
    lines.length = 0;
    fake.failNext('views.open', { error: 'expired_trigger_id' });
    const click = loadFixture('block-actions-home', { actions: [{ action_id: 'log_activity_open', block_id: 'home_actions', type: 'button', value: '{}', action_ts: '1700000123.456791' }] });
    await postInteraction(app.baseUrl, SIGNING_SECRET, click);
    const line = await waitForLine(lines, 'could not open a modal from the Home tab');
    expect(line.workspace).toBe('T0CANOPY');
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    createLogger('info', 'canopy', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString()) as TLogLine), done()) })).info('outside');
    expect(lines.at(-1)).not.toHaveProperty('requestId');
  });
});

async function waitForLine(lines: TLogLine[], msg: string): Promise<TLogLine> {
  for (let i = 0; i < 200; i++) {
    const found = lines.find((l) => l.msg === msg);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no log line '${msg}'; got: ${lines.map((l) => l.msg).join(' | ')}`);
}

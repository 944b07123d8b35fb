import { z } from 'zod';

/** The parts of a `message` event we act on (Slack sends many shapes; anything else is ignored). */
const ZPostedMessage = z.object({
  user: z.string(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  edited: z.object({ ts: z.string() }).partial().optional(),
});

const ZMessageEvent = z.object({
  channel: z.string(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  message: ZPostedMessage.partial().optional(),
  previous_message: ZPostedMessage.partial().optional(),
  deleted_ts: z.string().optional(),
});

export type TMessageChange =
  | { kind: 'posted'; channel: string; isDm: boolean; user: string; text: string; ts: string; threadTs?: string }
  /** `editedTs` orders edits that arrive out of order (Slack's `message.edited.ts`). */
  | { kind: 'edited'; channel: string; isDm: boolean; user: string; text: string; ts: string; editedTs: string; threadTs?: string }
  | { kind: 'deleted'; channel: string; isDm: boolean; ts: string; threadTs?: string }
  | { kind: 'ignored' };

/** Subtypes that are a person writing something new (files and broadcasts carry text too). */
const POSTED_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Normalises the message event variants into posted / edited / deleted, ignoring bots and system messages. */
export function classifyMessageEvent(raw: unknown): TMessageChange {
  const parsed = ZMessageEvent.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored' };
  const e = parsed.data;
  const isDm = e.channel_type === 'im' || e.channel.startsWith('D');
  if (e.subtype === 'message_changed') {
    const m = e.message;
    // A deleted message that has thread replies (our confirmation) stays as a tombstone: Slack reports
    // that as a change by Slackbot, not as a deletion.
    if (m?.subtype === 'tombstone' && m.ts) return { kind: 'deleted', channel: e.channel, isDm, ts: m.ts, ...threadOf(m.thread_ts, m.ts) };
    if (!m?.user || !m.ts || m.bot_id) return { kind: 'ignored' };
    if (e.previous_message?.user && e.previous_message.user !== m.user) return { kind: 'ignored' };
    if (e.previous_message?.text === m.text) return { kind: 'ignored' };
    const editedTs = m.edited?.ts ?? e.ts;
    return { kind: 'edited', channel: e.channel, isDm, user: m.user, text: m.text ?? '', ts: m.ts, editedTs, ...threadOf(m.thread_ts, m.ts) };
  }
  if (e.subtype === 'message_deleted') {
    const ts = e.deleted_ts ?? e.previous_message?.ts;
    if (!ts || e.previous_message?.bot_id) return { kind: 'ignored' };
    return { kind: 'deleted', channel: e.channel, isDm, ts, ...threadOf(e.previous_message?.thread_ts, ts) };
  }
  if (!POSTED_SUBTYPES.has(e.subtype) || e.bot_id || !e.user) return { kind: 'ignored' };
  return { kind: 'posted', channel: e.channel, isDm, user: e.user, text: e.text ?? '', ts: e.ts, ...threadOf(e.thread_ts, e.ts) };
}

/** A thread parent carries `thread_ts` equal to its own ts; only replies are "in a thread". */
function threadOf(threadTs: string | undefined, ts: string): { threadTs?: string } {
  return threadTs && threadTs !== ts ? { threadTs } : {};
}

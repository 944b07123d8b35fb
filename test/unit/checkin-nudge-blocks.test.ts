import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { CHECKIN_FEWER_ACTION, CHECKIN_UNDO_ACTION, renderCheckin, renderCheckinFeedback, type TCheckinView, ZCheckinUndoValue } from '../../src/slack/blocks/checkin';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { NUDGE_FEWER_ACTION, NUDGE_SNOOZE_ACTION, NUDGE_UNDO_ACTION, renderNudge, renderNudgeFeedback, type TNudgeDetail, type TNudgeFeedbackView, ZNudgeButtonValue, ZNudgeUndoValue } from '../../src/slack/blocks/nudge';

type TButtonShape = { action_id: string; value: string; text: { text: string } };
const buttons = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as TButtonShape[]).map((e) => ({ action_id: e.action_id, label: e.text.text, value: e.value })) : []));
const texts = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const contextText = (blocks: KnownBlock[]) => blocks.filter((b) => b.type === 'context').map((b) => JSON.stringify(b)).join('\n');

describe('renderCheckin', () => {
  it('carries the pace note (SPEC §2: no separate behind-pace nudge that day)', () => {
    const pace = [
      { status: 'behind' as const, text: 'Behind by 3 calls: 4 of 15 today so far.' },
      { status: 'met' as const, text: 'Done: 2 of 2 demos this week.' },
    ];
    const { text, blocks } = renderCheckin({ deliveryId: 7, cadence: 'daily', basis: { kind: 'focus', stageName: 'Discovery' }, pace });
    expect(text).toBe('How did today go? Where you stand: Behind by 3 calls: 4 of 15 today so far. Done: 2 of 2 demos this week. Reply in this thread: 4 calls, demo with Acme');
    expect(JSON.stringify(blocks[1])).toContain('*Where you stand*\\n:large_yellow_circle: Behind by 3 calls: 4 of 15 today so far.\\n:white_check_mark: Done: 2 of 2 demos this week.');
  });

  it.each<{ name: string; view: TCheckinView; want: { text: string; why: string } }>([
    {
      name: 'focused, daily, with the focus stage',
      view: { deliveryId: 7, cadence: 'daily', basis: { kind: 'focus', stageName: 'Discovery' } },
      want: { text: 'How did today go? Reply in this thread: 4 calls, demo with Acme', why: 'Why you got this: daily check-ins while we work on Discovery together.' },
    },
    {
      name: 'focused without a focus yet',
      view: { deliveryId: 7, cadence: 'daily', basis: { kind: 'focus', stageName: null } },
      want: { text: 'How did today go? Reply in this thread: 4 calls, demo with Acme', why: 'Why you got this: daily check-ins while you get back on pace.' },
    },
    {
      name: 'guided / ramping, weekly',
      view: { deliveryId: 8, cadence: 'weekly', basis: { kind: 'tier' } },
      want: { text: 'How did this week go? Reply in this thread: 4 calls, demo with Acme', why: 'Why you got this: a weekly check-in at the end of your week, so nothing you did goes unlogged.' },
    },
    {
      name: 'opted in (autonomous, daily)',
      view: { deliveryId: 9, cadence: 'daily', basis: { kind: 'setting' } },
      want: { text: 'How did today go? Reply in this thread: 4 calls, demo with Acme', why: 'Why you got this: you chose daily check-ins.' },
    },
  ])('$name', ({ view, want }) => {
    const { text, blocks } = renderCheckin(view);
    expect(text).toBe(want.text);
    expect(texts(blocks)).toContain('`4 calls, demo with Acme`');
    expect(contextText(blocks)).toContain(want.why);
    expect(contextText(blocks)).toContain('`/coach settings`');
    expect(buttons(blocks)).toEqual([
      { action_id: 'log_activity_open', label: 'Log activity', value: '{}' },
      { action_id: CHECKIN_FEWER_ACTION, label: 'Fewer check-ins', value: JSON.stringify({ deliveryId: view.deliveryId }) },
    ]);
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('escapes and bounds a stage name from the team’s own selling system', () => {
    const { blocks } = renderCheckin({ deliveryId: 1, cadence: 'daily', basis: { kind: 'focus', stageName: `<!channel> & ${'x'.repeat(5000)}` } });
    expect(texts(blocks)).not.toContain('<!channel>');
    expect(texts(blocks)).toContain('&lt;!channel&gt; &amp;');
    expect(findLimitViolations(blocks)).toEqual([]);
  });
});

describe('renderCheckinFeedback', () => {
  it.each([
    { name: 'daily → weekly', change: { kind: 'fewer' as const, restore: 'auto' as const, now: 'weekly' as const }, want: 'Got it — from now on, weekly check-ins, at the end of your week.', undo: true },
    { name: 'weekly → none', change: { kind: 'fewer' as const, restore: 'weekly' as const, now: 'off' as const }, want: 'Got it — no more check-ins. You can still log any time with /log or by messaging me.', undo: true },
    { name: 'undone', change: { kind: 'undone' as const, now: 'daily' as const }, want: 'Check-ins are back as before: daily check-ins.', undo: false },
  ])('$name', ({ change, want, undo }) => {
    const { text, blocks } = renderCheckinFeedback({ deliveryId: 5, cadence: 'daily', change });
    expect(text).toBe(want);
    // The question stays: the thread under it still logs replies.
    expect(texts(blocks)).toContain('How did today go?');
    const found = buttons(blocks);
    if (!undo) return expect(found).toEqual([]);
    expect(found).toEqual([{ action_id: CHECKIN_UNDO_ACTION, label: 'Undo', value: expect.any(String) }]);
    expect(ZCheckinUndoValue.parse(JSON.parse(found[0]!.value))).toEqual({ deliveryId: 5, restore: change.kind === 'fewer' ? change.restore : 'auto' });
  });
});

const behind = (over: Partial<Extract<TNudgeDetail, { nudge: 'behind_pace' }>> = {}): TNudgeDetail => ({
  nudge: 'behind_pace', type: 'call', per: 'week', amount: 12, done: 3, onPaceNow: 6, whenText: 'Wednesday afternoon', ...over,
});

describe('renderNudge', () => {
  it.each<{ name: string; detail: TNudgeDetail; budget: { max: number; per: 'day' | 'week' }; want: { text: string; headline: string; why: string } }>([
    {
      name: 'behind pace, weekly',
      detail: behind(),
      budget: { max: 2, per: 'week' },
      want: {
        text: "You're at 3 of 12 calls this week, and it's Wednesday afternoon — about 6 by now would be on pace. 9 to go.",
        headline: "You're at *3 of 12 calls* this week",
        why: "Why you got this: a mid-week check on your weekly expectation of 12 calls, and you're behind pace. It counts toward your 2 messages a week from me (digest and check-ins included).",
      },
    },
    {
      name: 'behind pace, daily (focused)',
      detail: behind({ per: 'day', amount: 10, done: 1, onPaceNow: 6, whenText: '14:00', type: 'email' }),
      budget: { max: 1, per: 'day' },
      want: {
        text: "You're at 1 of 10 emails today, and it's 14:00 — about 6 by now would be on pace. 9 to go.",
        headline: "You're at *1 of 10 emails* today",
        why: 'an afternoon check on your daily expectation of 10 emails, and you\'re behind pace. It counts toward your one message a day from me (digest and check-ins included).',
      },
    },
    {
      name: 'stalled deal',
      detail: { nudge: 'stalled_deal', dealName: 'Acme', stageName: 'Demo', idleDays: 12, threshold: 10 },
      budget: { max: 2, per: 'week' },
      want: { text: 'Acme has been in Demo for 12 days with no activity.', headline: '*Acme* has been in Demo for 12 days with no activity.', why: 'deals in Demo get a nudge after 10 quiet days — one per deal and stage.' },
    },
    {
      name: 'action item due',
      detail: { nudge: 'action_item_due', text: 'Send the Acme proposal', dueText: 'tomorrow (Thu 26 Nov)', withName: 'Morgan', meetingText: 'Tue 17 Nov' },
      budget: { max: 2, per: 'week' },
      want: {
        text: 'Your action item from your 1:1 with Morgan is due tomorrow (Thu 26 Nov): Send the Acme proposal',
        headline: 'Your action item from your 1:1 with Morgan (Tue 17 Nov) is due *tomorrow (Thu 26 Nov)*:\\n>Send the Acme proposal',
        why: 'an open action item near its due date — one reminder per item.',
      },
    },
  ])('$name', ({ detail, budget, want }) => {
    const { text, blocks } = renderNudge({ deliveryId: 42, budget, detail });
    expect(text).toBe(want.text);
    expect(texts(blocks)).toContain(want.headline);
    expect(contextText(blocks)).toContain(want.why);
    expect(contextText(blocks)).toContain('Why you got this');
    const value = JSON.stringify({ deliveryId: 42, nudge: detail.nudge });
    expect(buttons(blocks)).toEqual([
      { action_id: 'log_activity_open', label: 'Log activity', value: '{}' },
      { action_id: NUDGE_SNOOZE_ACTION, label: 'Snooze', value },
      { action_id: NUDGE_FEWER_ACTION, label: 'Fewer of these', value },
    ]);
    expect(ZNudgeButtonValue.parse(JSON.parse(value))).toEqual({ deliveryId: 42, nudge: detail.nudge });
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('escapes what reps and managers typed, and stays within Slack limits', () => {
    const hostile = `<!here> <@U0EVIL> & ${'y'.repeat(10_000)}`;
    for (const detail of [
      { nudge: 'stalled_deal', dealName: hostile, stageName: hostile, idleDays: 99, threshold: 7 },
      { nudge: 'action_item_due', text: hostile, dueText: 'today', withName: hostile, meetingText: 'Mon 1 Dec' },
    ] satisfies TNudgeDetail[]) {
      const { blocks, text } = renderNudge({ deliveryId: 1, budget: { max: 2, per: 'week' }, detail });
      expect(texts(blocks)).not.toMatch(/<!here>|<@U0EVIL>/);
      expect(findLimitViolations(blocks)).toEqual([]);
      expect(text.length).toBeLessThanOrEqual(40_000);
    }
  });
});

describe('renderNudgeFeedback', () => {
  it.each<{ name: string; change: TNudgeFeedbackView['change']; want: { text: string; button: { label: string; undo: string } | null; hint?: string } }>([
    { name: 'snoozed', change: { kind: 'snoozed', untilText: 'Wed 2 Dec, 14:00' }, want: { text: 'Snoozed: no behind-pace nudges until Wed 2 Dec, 14:00.', button: { label: 'Undo snooze', undo: 'snooze' } } },
    { name: 'fewer', change: { kind: 'muted' }, want: { text: 'Done: no more behind-pace nudges.', button: { label: 'More like this', undo: 'fewer' }, hint: 'Click *More like this* to turn behind-pace nudges back on' } },
    { name: 'snooze undone', change: { kind: 'restored', was: 'snoozed' }, want: { text: 'Snooze cancelled: behind-pace nudges are back on.', button: null } },
    { name: 'fewer undone', change: { kind: 'restored', was: 'muted' }, want: { text: 'Behind-pace nudges are back on.', button: null } },
  ])('$name', ({ change, want }) => {
    const { text, blocks } = renderNudgeFeedback({ deliveryId: 3, nudge: 'behind_pace', change });
    expect(text).toBe(want.text);
    const found = buttons(blocks);
    if (want.hint) expect(contextText(blocks)).toContain(want.hint);
    if (!want.button) return expect(found).toEqual([]);
    expect(found).toEqual([{ action_id: NUDGE_UNDO_ACTION, label: want.button.label, value: expect.any(String) }]);
    expect(ZNudgeUndoValue.parse(JSON.parse(found[0]!.value))).toEqual({ deliveryId: 3, nudge: 'behind_pace', undo: want.button.undo });
  });
});

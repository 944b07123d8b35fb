import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findPersonById, setPreferences, setSlackStatus } from '../../db/repositories/people';
import type { TTier } from '../../src/domain/coaching/tiers';
import { reviewDmOutlook, type TReviewDmOutlook } from '../../src/services/deliveries/review-dm-outlook';
import { renderReviewSharedModal } from '../../src/slack/blocks/review-modal';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * The reviewer's confirmation after sharing says what will really happen to the rep's DM, decided as the planner
 * decides it (`reviewDmOutlook`, over real SQLite): a table of cases, with the modal's sentence for each.
 */

const TEAM = 'T0CANOPY';
const LONDON = 'Europe/London';
const at = (local: string) => DateTime.fromISO(local, { zone: LONDON }).toJSDate();

let db: TDb;
beforeEach(async () => {
  db = await memoryDb();
});

async function rep(tier: TTier | null, prefs: Record<string, unknown> = {}) {
  const row = await addPerson(db, TEAM, 'U0DANA', { name: 'Dana', tz: LONDON });
  if (tier) {
    await db.insert(s.tierSnapshots).values({ workspaceId: TEAM, personId: row.id, tier, reasonCode: 'placed', reasonText: 'test', details: {}, computedAt: at('2026-11-23T06:00') });
  }
  if (Object.keys(prefs).length > 0) await setPreferences(db, row.id, prefs);
  return (await findPersonById(db, row.id))!;
}

async function sent(repId: number, kind: 'digest' | 'nudge', periodKey: string, when: Date) {
  await db.insert(s.deliveries).values({ workspaceId: TEAM, kind, recipientId: repId, periodKey, status: 'sent', reason: 'test', dueAt: when, sentAt: when, createdAt: when });
}

type TCase = { name: string; tier: TTier | null; prefs?: Record<string, unknown>; away?: boolean; spent?: boolean; requested?: boolean; now: string; want: TReviewDmOutlook; text: string };

// Wed 2 Dec 2026 in London; the rep's weekly digest is Monday 09:00, their check-ins at 16:30 (daily for focused,
// Fridays for guided, none for autonomous).
const CASES: TCase[] = [
  { name: 'guided, in hours, room left: a DM now', tier: 'guided', now: '2026-12-02T11:00', want: { kind: 'now' }, text: 'Dana gets it as a DM now.' },
  { name: 'guided, 21:00: a DM when their next working day starts', tier: 'guided', now: '2026-12-02T21:00', want: { kind: 'at', whenText: '09:00 Thu' }, text: 'Dana gets it as a DM at 09:00 Thu, their time.' },
  {
    name: 'guided, the week spent: carried by Friday’s check-in, named',
    tier: 'guided',
    spent: true,
    now: '2026-12-02T11:00',
    want: { kind: 'carried', why: { kind: 'budget', period: 'week', limitText: 'guided: 3 a week, the digest included' }, carrier: { kind: 'checkin', dayText: 'Fri 4 Dec', timeText: '16:30' } },
    text: "To keep Dana's messages few (guided: 3 a week, the digest included), it comes with their check-in on Fri 4 Dec at 16:30, their time.",
  },
  {
    name: 'focused: today’s one message is the check-in, which brings it',
    tier: 'focused',
    now: '2026-12-02T11:00',
    want: { kind: 'carried', why: { kind: 'budget', period: 'day', limitText: 'focused: one a working day, plus the digest' }, carrier: { kind: 'checkin', dayText: null, timeText: '16:30' } },
    text: "To keep Dana's messages few (focused: one a working day, plus the digest), it comes with today's check-in at 16:30, their time.",
  },
  {
    name: 'autonomous: the digest only, never a check-in',
    tier: 'autonomous',
    now: '2026-12-02T11:00',
    want: { kind: 'carried', why: { kind: 'budget', period: 'week', limitText: 'autonomous: the weekly digest only' }, carrier: { kind: 'digest', dayText: 'Mon 7 Dec', timeText: '09:00' } },
    text: "To keep Dana's messages few (autonomous: the weekly digest only), it comes with their weekly digest on Mon 7 Dec at 09:00, their time.",
  },
  {
    name: 'focused, shared 15:45: today’s check-in at 16:30 brings it',
    tier: 'focused',
    requested: true,
    now: '2026-12-02T15:45',
    want: { kind: 'carried', why: { kind: 'soon' }, carrier: { kind: 'checkin', dayText: null, timeText: '16:30' } },
    text: "Dana gets it with today's check-in at 16:30, their time.",
  },
  {
    name: 'shared on Saturday: Monday 09:00 is the digest, which brings it',
    tier: 'guided',
    now: '2026-12-05T11:00',
    want: { kind: 'carried', why: { kind: 'soon' }, carrier: { kind: 'digest', dayText: 'Mon 7 Dec', timeText: '09:00' } },
    text: 'Dana gets it with their weekly digest on Mon 7 Dec at 09:00, their time.',
  },
  { name: 'answering their own request, the week spent: a DM now', tier: 'guided', spent: true, requested: true, now: '2026-12-02T11:00', want: { kind: 'now' }, text: 'Dana gets it as a DM now.' },
  { name: 'answering their own request, autonomous: a DM now', tier: 'autonomous', requested: true, now: '2026-12-02T11:00', want: { kind: 'now' }, text: 'Dana gets it as a DM now.' },
  {
    name: 'paused: a DM when they are back',
    tier: 'guided',
    prefs: { pausedUntil: '2026-12-09T09:00:00.000Z' },
    now: '2026-12-02T11:00',
    want: { kind: 'paused', untilText: 'Wed 9 Dec' },
    text: "Dana paused Canopy until Wed 9 Dec; it comes as a DM when they're back.",
  },
  {
    name: 'paused, answering their own request: waits too',
    tier: 'guided',
    requested: true,
    prefs: { pausedUntil: '2026-12-09T09:00:00.000Z' },
    now: '2026-12-02T11:00',
    want: { kind: 'paused', untilText: 'Wed 9 Dec' },
    text: "Dana paused Canopy until Wed 9 Dec; it comes as a DM when they're back.",
  },
  { name: 'away', tier: 'guided', away: true, now: '2026-12-02T11:00', want: { kind: 'away' }, text: "Dana's Slack status says they're away; it comes as a DM when they're back." },
  {
    name: 'a public holiday',
    tier: 'guided',
    prefs: { holidayCountry: 'GB' },
    now: '2026-12-25T11:00',
    want: { kind: 'holiday', holidayName: 'Christmas Day' },
    text: "It's a public holiday for Dana (Christmas Day); it comes as a DM when they're back.",
  },
];

describe('reviewDmOutlook: what the reviewer is told, as the planner will decide', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dana = await rep(c.tier, c.prefs);
      if (c.spent) {
        await sent(dana.id, 'digest', '2026-W49', at('2026-11-30T09:00'));
        await sent(dana.id, 'nudge', 'nudge:stalled_deal:2026-12-01:deal-1', at('2026-12-01T11:00'));
      }
      if (c.away) await setSlackStatus(db, TEAM, 'U0DANA', { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null });
      const outlook = await reviewDmOutlook(db, (await findPersonById(db, dana.id))!, c.requested === true, at(c.now));
      expect(outlook).toEqual(c.want);
      const modal = JSON.stringify(renderReviewSharedModal({ repName: 'Dana', dm: outlook, answeredRequest: c.requested === true }).blocks);
      expect(modal).toContain(`${c.requested ? 'Request answered. ' : ''}${c.text} It's on their Home tab now.`);
    });
  }
});

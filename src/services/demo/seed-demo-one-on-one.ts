import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { ensureMeeting, findOneOnOne } from '../../../db/repositories/one-on-ones';
import type { TPersonRow } from '../../../db/repositories/people';
import { nextOccurrence, previousOccurrence } from '../../domain/schedule';
import { markActionItem } from '../one-on-ones/mark-action-item';
import { addAgendaItem } from '../one-on-ones/add-agenda-item';
import { scheduleOneOnOne } from '../one-on-ones/schedule-one-on-one';
import { saveMeetingNotes } from '../one-on-ones/save-meeting-notes';

/** The demo's 1:1 slot: Tuesday 10:00 in the manager's zone, inside anyone's working hours. */
export const DEMO_ONE_ON_ONE = { weekday: 2, localTime: '10:00' } as const;

/**
 * A weekly 1:1 between the demo manager and a rep, through the same services Slack uses: Tuesdays at 10:00 in
 * the manager's zone, scheduled three weeks ago so that it has a past; last week's meeting with two action
 * items, one done since; an agenda item from each side. Nothing is dated after `now`.
 */
export async function seedDemoOneOnOne(db: TDb, manager: TPersonRow, rep: TPersonRow, now: DateTime): Promise<{ nextStart: DateTime }> {
  // Whatever happened "since" the last meeting happened before now, a few minutes ago at the latest.
  const at = (dt: DateTime) => new Date(Math.min(dt.toMillis(), now.toMillis() - 5 * 60_000));
  const spec = { cadence: 'weekly' as const, ...DEMO_ONE_ON_ONE };
  await scheduleOneOnOne(db, manager, rep, spec, now.minus({ weeks: 3 }).toJSDate());
  const rec = (await findOneOnOne(db, manager.id, rep.id))!;
  const nextStart = nextOccurrence(rec, now);
  const lastStart = previousOccurrence(rec, nextStart)!;

  const lastMeeting = await ensureMeeting(db, rec.id, lastStart.toJSDate());
  const due = lastStart.plus({ days: 3 }).toISODate();
  const { created } = await saveMeetingNotes(
    db,
    manager,
    lastMeeting.id,
    {
      notes: 'Talked through the Q4 pipeline; demos are where deals stall.',
      items: [
        { text: 'Send the Globex champion the ROI one-pager', owner: 'rep', dueDate: due },
        { text: 'Set up a demo ride-along with a teammate', owner: 'manager', dueDate: null },
      ],
    },
    at(lastStart.plus({ minutes: 30 })),
  );
  if (created[0]) await markActionItem(db, rep, created[0].id, true, at(lastStart.plus({ days: 2 })));

  await addAgendaItem(db, rep, { text: 'Pricing flexibility for the Initech renewal' }, at(lastStart.plus({ days: 1, hours: 4 })));
  await addAgendaItem(db, manager, { withSlackUserId: rep.slackUserId, text: 'How the new demo script is landing' }, at(lastStart.plus({ days: 3, hours: 5 })));
  return { nextStart };
}

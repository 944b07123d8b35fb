import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { ensureMeeting, findOneOnOne } from '../../../db/repositories/one-on-ones';
import type { TPersonRow } from '../../../db/repositories/people';
import { nextOccurrence, previousOccurrence } from '../../domain/schedule';
import { markActionItem } from '../one-on-ones/mark-action-item';
import { addAgendaItem } from '../one-on-ones/add-agenda-item';
import { scheduleOneOnOne } from '../one-on-ones/schedule-one-on-one';
import { saveMeetingNotes } from '../one-on-ones/save-meeting-notes';

/**
 * A weekly 1:1 between the demo manager and a rep, through the same services Slack uses: scheduled three
 * weeks ago so that it has a past, next due an hour from `now` (in the manager's zone, so the brief would be
 * going out about now); last week's meeting with two action items, one done since; an agenda item from each side.
 */
export function seedDemoOneOnOne(db: TDb, manager: TPersonRow, rep: TPersonRow, now: DateTime): { nextStart: DateTime } {
  const at = (dt: DateTime) => dt.toJSDate();
  const soon = now.setZone(manager.tz).plus({ hours: 1 }).startOf('hour');
  const spec = { cadence: 'weekly' as const, weekday: soon.weekday, localTime: soon.toFormat('HH:mm') };
  scheduleOneOnOne(db, manager, rep, spec, at(now.minus({ weeks: 3 })));
  const rec = findOneOnOne(db, manager.id, rep.id)!;
  const nextStart = nextOccurrence(rec, now);
  const lastStart = previousOccurrence(rec, nextStart)!;

  const lastMeeting = ensureMeeting(db, rec.id, at(lastStart));
  const due = lastStart.plus({ days: 3 }).toISODate();
  const { created } = saveMeetingNotes(
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
  if (created[0]) markActionItem(db, rep, created[0].id, true, at(lastStart.plus({ days: 2 })));

  addAgendaItem(db, rep, { text: 'Pricing flexibility for the Initech renewal' }, at(now.minus({ days: 1 })));
  addAgendaItem(db, manager, { withSlackUserId: rep.slackUserId, text: 'How the new demo script is landing' }, at(now.minus({ hours: 3 })));
  return { nextStart };
}

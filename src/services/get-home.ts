import type { TDb } from '../../db/client';
import { findOneOnOneById } from '../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../db/repositories/people';
import { AppError } from '../domain/errors';
import { describeRecurrence, type TOneOnOneSpec } from '../domain/schedule';
import { listOpenActionItemsFor } from './action-items';
import { getAgenda, type TAgendaItemView } from './agenda';
import { canManageTeam } from './authorize';
import { listMyOneOnOnes, type TOneOnOneSummary } from './manage-one-on-ones';
import type { TActionItemView } from './meeting-notes';

/** The viewer's next 1:1 as the rep, with what is on its agenda. */
export type THomeNextOneOnOne = { summary: TOneOnOneSummary; agenda: TAgendaItemView[] };
/** One 1:1 the viewer holds as the manager. */
export type THomeTeamOneOnOne = { summary: TOneOnOneSummary; agendaCount: number };

/** Everything the Home tab shows, built fresh on each publish. Lists are complete; the renderer caps them. */
export type THomeView = {
  name: string;
  isManager: boolean;
  /** Undefined when the viewer has no 1:1 as a rep. */
  nextOneOnOne?: THomeNextOneOnOne;
  actionItems: (TActionItemView & { withName: string })[];
  /** Managers and admins only: the 1:1s they hold, soonest first. */
  team?: { oneOnOnes: THomeTeamOneOnOne[] };
};

/** A 1:1 the viewer may change or cancel from the Home tab, with what the schedule modal is prefilled with. */
export type TManagedOneOnOne = { id: number; rep: TPersonRow; spec: TOneOnOneSpec; scheduleText: string };

const GONE = "That 1:1 isn't scheduled any more — your Home tab has been refreshed.";

/** The person's Home tab: their next 1:1 (as a rep), open action items and, for managers, the 1:1s they hold. */
export function getHome(db: TDb, person: TPersonRow, now: Date): THomeView {
  const summaries = listMyOneOnOnes(db, person, now);
  const asRep = summaries.find((s) => s.role === 'rep');
  const view: THomeView = {
    name: person.name,
    isManager: canManageTeam(person),
    actionItems: listOpenActionItemsFor(db, person),
  };
  if (asRep) view.nextOneOnOne = { summary: asRep, agenda: getAgenda(db, person, { oneOnOneId: asRep.id }, now).items };
  if (view.isManager) {
    const held = summaries.filter((s) => s.role === 'manager');
    view.team = { oneOnOnes: held.map((summary) => ({ summary, agendaCount: getAgenda(db, person, { oneOnOneId: summary.id }, now).items.length })) };
  }
  return view;
}

/** The active 1:1 behind a Home tab menu, for its manager only. */
export function getManagedOneOnOne(db: TDb, viewer: TPersonRow, oneOnOneId: number): TManagedOneOnOne {
  const row = findOneOnOneById(db, oneOnOneId);
  if (!row || row.cancelledAt || row.workspaceId !== viewer.workspaceId) throw new AppError('not_found', GONE);
  // Only the 1:1s the viewer holds are on their Home tab, and the schedule services act on the viewer's own pair.
  if (row.managerId !== viewer.id) throw new AppError('not_allowed', 'Only the manager who holds this 1:1 can change it.');
  const rep = findPersonById(db, row.repId);
  if (!rep) throw new AppError('not_found', GONE);
  const spec: TOneOnOneSpec = { cadence: row.cadence, weekday: row.weekday, localTime: row.localTime };
  return { id: row.id, rep, spec, scheduleText: `${describeRecurrence(row)} (${row.tz})` };
}

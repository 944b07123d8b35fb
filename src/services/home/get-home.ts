import type { TDb } from '../../../db/client';
import { findOneOnOneById } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { listStages, listWorkspaceZones } from '../../../db/repositories/workspaces';
import { AppError } from '../../domain/errors';
import { describeRecurrence, type TOneOnOneSpec } from '../../domain/schedule';
import type { THomeTeamRep, THomeView, THomeWorkspace } from '../../slack/blocks/view-models/home';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { listOpenActionItemsFor } from '../one-on-ones/action-items';
import { getAgenda } from '../one-on-ones/agenda';
import { canManageTeam, isAdmin } from '../teams/authorize';
import { getOwnNumbers, getRepDashboard } from '../stats/get-rep-dashboard';
import { getTeamView } from '../teams/get-team-view';
import { listMyOneOnOnes } from '../one-on-ones/manage-one-on-ones';

/** A 1:1 the viewer may change or cancel from the Home tab, with what the schedule modal is prefilled with. */
export type TManagedOneOnOne = { id: number; rep: TPersonRow; spec: TOneOnOneSpec; scheduleText: string };

const GONE = "That 1:1 isn't scheduled any more — your Home tab has been refreshed.";

/**
 * The person's Home tab: a rep's own dashboard, or a manager's team by tier and the 1:1s they hold; for
 * everyone their next 1:1 as a rep and open action items; for admins the workspace's settings.
 */
export function getHome(db: TDb, person: TPersonRow, now: Date): THomeView {
  const summaries = listMyOneOnOnes(db, person, now);
  const asRep = summaries.find((s) => s.role === 'rep');
  const view: THomeView = {
    name: person.name,
    isManager: canManageTeam(person),
    actionItems: listOpenActionItemsFor(db, person),
  };
  if (asRep) view.nextOneOnOne = { summary: asRep, agenda: getAgenda(db, person, { oneOnOneId: asRep.id }, now).items };
  if (!view.isManager) {
    view.dashboard = getRepDashboard(db, person, now);
    return view;
  }
  const held = summaries.filter((s) => s.role === 'manager');
  view.team = {
    reps: teamReps(db, person, held, now),
    oneOnOnes: held.map((summary) => ({ summary, agendaCount: getAgenda(db, person, { oneOnOneId: summary.id }, now).items.length })),
  };
  const own = getOwnNumbers(db, person, now);
  if (own) view.ownNumbers = own;
  if (isAdmin(person)) view.workspace = workspaceOf(db, person.workspaceId);
  return view;
}

/** The manager's reps as `/coach team` counts them (grouped by tier there), with the next 1:1 of each. */
function teamReps(db: TDb, manager: TPersonRow, held: readonly TOneOnOneSummary[], now: Date): THomeTeamRep[] {
  const stages = listStages(db, manager.workspaceId);
  const stageName = (key: string | null) => (key === null ? null : (stages.find((s) => s.key === key)?.name ?? key));
  const next = new Map(held.map((s) => [s.other.slackUserId, s.nextText]));
  return getTeamView(db, manager, now).reps.map((rep) => ({
    slackUserId: rep.slackUserId,
    name: rep.name,
    tier: rep.coaching?.tier ?? null,
    weekTotal: rep.weekTotal,
    trendSparkline: rep.trendSparkline,
    focusStageName: stageName(rep.coaching?.focusStage ?? null),
    nextOneOnOneText: next.get(rep.slackUserId) ?? null,
  }));
}

function workspaceOf(db: TDb, workspaceId: string): THomeWorkspace {
  const timezone = listWorkspaceZones(db).find((w) => w.id === workspaceId)?.timezone ?? 'UTC';
  return { timezone, stages: listStages(db, workspaceId).map((s) => ({ name: s.name, outcome: s.outcome })) };
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

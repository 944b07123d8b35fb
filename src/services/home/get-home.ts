import type { TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import type { THomeView } from '../../slack/blocks/view-models/home';
import { listOpenActionItemsFor } from '../one-on-ones/list-open-action-items';
import { getAgenda } from '../one-on-ones/get-agenda';
import { canManageTeam, isAdmin } from '../teams/authorize';
import { getVisibility } from '../teams/get-visibility';
import { getOwnNumbers } from '../stats/get-own-numbers';
import { getRepDashboard } from '../stats/get-rep-dashboard';
import { listMyOneOnOnes } from '../one-on-ones/list-one-on-ones';
import { getHomeReviews } from '../call-reviews/get-home-reviews';
import { getTeamRequests } from '../call-reviews/get-team-requests';
import { getTeamWins } from './get-team-wins';
import { teamReps, workspaceOf } from './home-parts';

/**
 * The person's Home tab: a rep's own dashboard, or a manager's team by tier and the 1:1s they hold; for
 * everyone their next 1:1 as a rep, open action items and the call reviews they got or asked for; for admins the workspace's settings.
 */
export async function getHome(db: TDb, person: TPersonRow, now: Date): Promise<THomeView> {
  const summaries = await listMyOneOnOnes(db, person, now);
  const asRep = summaries.find((s) => s.role === 'rep');
  const view: THomeView = {
    name: person.name,
    isManager: canManageTeam(person),
    actionItems: await listOpenActionItemsFor(db, person),
    reviews: await getHomeReviews(db, person, now),
  };
  if (asRep) view.nextOneOnOne = { summary: asRep, agenda: (await getAgenda(db, person, { oneOnOneId: asRep.id }, now)).items };
  if (!isAdmin(person)) view.visibility = await getVisibility(db, person);
  const teamWins = await getTeamWins(db, person, now);
  if (teamWins) view.teamWins = teamWins;
  if (!view.isManager) {
    view.dashboard = await getRepDashboard(db, person, now);
    return view;
  }
  const held = summaries.filter((s) => s.role === 'manager');
  view.team = {
    reps: await teamReps(db, person, held, now),
    oneOnOnes: await Promise.all(held.map(async (summary) => ({ summary, agendaCount: (await getAgenda(db, person, { oneOnOneId: summary.id }, now)).items.length }))),
    reviewRequests: await getTeamRequests(db, person, now),
  };
  const own = await getOwnNumbers(db, person, now);
  if (own) view.ownNumbers = own;
  if (isAdmin(person)) view.workspace = await workspaceOf(db, person.workspaceId);
  return view;
}

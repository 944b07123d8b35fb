import type { TPersonRow } from '../../../db/repositories/people';

/**
 * A Canopy admin: made one in Canopy (people import), or a Slack workspace admin or owner as of the
 * latest profile refresh — losing the Slack role loses this too.
 */
export function isAdmin(person: TPersonRow): boolean {
  return person.role === 'admin' || person.slackAdmin;
}

/** SPEC §3 privacy: a rep's numbers are shown to the rep, their manager and admins — nobody else. */
export function canViewRep(viewer: TPersonRow, rep: TPersonRow): boolean {
  if (viewer.workspaceId !== rep.workspaceId) return false;
  if (viewer.id === rep.id) return true;
  if (isAdmin(viewer)) return true;
  return rep.managerId === viewer.id;
}

/** Building a team is for managers and admins (Slack workspace admins are Canopy admins). */
export function canManageTeam(person: TPersonRow): boolean {
  return person.role === 'manager' || isAdmin(person);
}

/** Setting or agreeing a rep's goal is for their manager or an admin — never for the rep alone, nor a peer. */
export function canSetGoal(setter: TPersonRow, rep: TPersonRow): boolean {
  if (setter.workspaceId !== rep.workspaceId || setter.id === rep.id) return false;
  if (isAdmin(setter)) return true;
  return rep.managerId === setter.id;
}

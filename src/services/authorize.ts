import type { TPersonRow } from '../../db/repositories/people';

/** SPEC §3 privacy: a rep's numbers are shown to the rep, their manager and admins — nobody else. */
export function canViewRep(viewer: TPersonRow, rep: TPersonRow): boolean {
  if (viewer.workspaceId !== rep.workspaceId) return false;
  if (viewer.id === rep.id) return true;
  if (viewer.role === 'admin') return true;
  return rep.managerId === viewer.id;
}

/** Building a team is for managers and admins (Slack workspace admins are Canopy admins). */
export function canManageTeam(person: TPersonRow): boolean {
  return person.role === 'manager' || person.role === 'admin';
}

/** Setting or agreeing a rep's goal is for their manager or an admin — never for the rep alone, nor a peer. */
export function canSetGoal(setter: TPersonRow, rep: TPersonRow): boolean {
  if (setter.workspaceId !== rep.workspaceId || setter.id === rep.id) return false;
  if (setter.role === 'admin') return true;
  return rep.managerId === setter.id;
}

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

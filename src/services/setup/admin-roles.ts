import type { TDb } from '../../../db/client';
import { listWorkspacePeople, setRole, type TPersonRow } from '../../../db/repositories/people';
import type { TRolePerson } from '../../domain/setup-roles';

/** Everyone of the workspace as the roles plan reads them: role, Slack admin flag, whose team they are on, whether they have reps. */
export async function rolePeople(db: TDb, workspaceId: string): Promise<TRolePerson[]> {
  const everyone = await listWorkspacePeople(db, workspaceId);
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const managers = new Set(everyone.filter((p) => p.managerId !== null && !p.isDeleted && !p.isBot).map((p) => p.managerId));
  return everyone.map((p) => ({
    id: p.id,
    slackUserId: p.slackUserId,
    name: p.name,
    role: p.role,
    slackAdmin: p.slackAdmin,
    isDeleted: p.isDeleted,
    isBot: p.isBot,
    managerName: p.managerId !== null ? (byId.get(p.managerId)?.name ?? null) : null,
    hasReps: managers.has(p.id),
  }));
}

/** Writes a roles plan (inside the setup's transaction). */
export async function writeAdminRoles(db: TDb, plan: { promote: readonly { id: number }[]; demote: readonly { person: { id: number }; to: TPersonRow['role'] }[] }): Promise<void> {
  for (const person of plan.promote) await setRole(db, person.id, 'admin');
  for (const { person, to } of plan.demote) await setRole(db, person.id, to);
}

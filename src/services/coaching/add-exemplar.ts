import type { TDb } from '../../../db/client';
import { insertExemplar, type TExemplar } from '../../../db/repositories/exemplars';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { AppError } from '../../domain/errors';
import { canManageTeam } from '../teams/authorize';

/** A manager adds a recording of a good call or demo to the team's library for a stage. */
export async function addExemplar(db: TDb, manager: TPersonRow, input: { stage: string; url: string; title: string }): Promise<TExemplar> {
  if (!canManageTeam(manager)) throw new AppError('not_allowed', 'Only managers and admins can add recordings to the team library.');
  const stages = (await listStages(db, manager.workspaceId)).filter((s) => !s.outcome);
  const stage = stages.find((s) => s.key === input.stage || s.name.toLowerCase() === input.stage);
  if (!stage) {
    throw new AppError('bad_input', `I don't know the stage \`${input.stage.slice(0, 30).replace(/[`<>&]/g, '')}\`. Stages: ${stages.map((s) => `\`${s.key}\``).join(', ')}.`);
  }
  return insertExemplar(db, { workspaceId: manager.workspaceId, stage: stage.key, title: input.title, url: input.url, addedById: manager.id });
}

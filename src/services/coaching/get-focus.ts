import type { TDb } from '../../../db/client';
import { listExemplars } from '../../../db/repositories/exemplars';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { coachingFor } from '../../domain/coaching/library';
import { AppError } from '../../domain/errors';
import { canViewRep } from '../teams/authorize';
import type { TFocusView } from '../../slack/blocks/view-models/focus';
import { getRepCoaching } from './get-rep-coaching';

/** A rep's focus stage with its evidence, what to try, coaching questions and the team's recordings. */
export function getFocus(db: TDb, viewer: TPersonRow, rep: TPersonRow, now: Date): TFocusView {
  if (!canViewRep(viewer, rep)) {
    throw new AppError('not_allowed', "I can only show a rep's coaching to them, their manager and admins.");
  }
  const coaching = getRepCoaching(db, rep.id, now);
  const base = { repName: rep.name, isSelf: viewer.id === rep.id, computed: coaching !== null };
  if (!coaching?.focus) return { ...base, focus: null, tip: null, questions: [], exemplars: [] };
  const stages = listStages(db, rep.workspaceId);
  const name = (key: string | null) => (key ? (stages.find((s) => s.key === key)?.name ?? key) : null);
  const library = coachingFor(coaching.focus.stage);
  return {
    ...base,
    focus: { ...coaching.focus, stageName: name(coaching.focus.stage)!, toStageName: name(coaching.focus.toStage) },
    tip: library.tip,
    questions: library.questions.slice(0, 3),
    exemplars: listExemplars(db, rep.workspaceId, coaching.focus.stage),
  };
}

import type { TDb } from '../../../db/client';
import { listExemplars } from '../../../db/repositories/exemplars';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { coachingFor } from '../../domain/coaching/library';
import { AppError } from '../../domain/errors';
import { canViewRep } from '../teams/authorize';
import type { TFocusView } from '../../slack/blocks/view-models/focus';
import { getRepCoaching } from './get-rep-coaching';
import { asOfText, repConversion, type TRepConversion } from '../stats/rep-conversion';
import { listFocusReviews } from '../call-reviews/list-focus-reviews';

/** A rep's focus stage with its evidence, what to try, coaching questions, the team's recordings and the rep's own reviewed calls. */
/** `known` is the rep's conversion when the caller has it already (the Home tab shows both). */
export async function getFocus(db: TDb, viewer: TPersonRow, rep: TPersonRow, now: Date, known?: TRepConversion): Promise<TFocusView> {
  if (!canViewRep(viewer, rep)) {
    throw new AppError('not_allowed', "I can only show a rep's coaching to them, their manager and admins.");
  }
  const coaching = await getRepCoaching(db, rep.id, now);
  const base = { repName: rep.name, isSelf: viewer.id === rep.id, computed: coaching !== null };
  if (!coaching?.focus) return { ...base, focus: null, conversion: null, tip: null, questions: [], exemplars: [], reviewedCalls: [] };
  const stages = await listStages(db, rep.workspaceId);
  const name = (key: string | null) => (key ? (stages.find((s) => s.key === key)?.name ?? key) : null);
  const library = coachingFor(coaching.focus.stage);
  const conversion = known ?? (await repConversion(db, rep, stages, now));
  const step = conversion.steps.find((s) => s.from === coaching.focus!.stage);
  return {
    ...base,
    focus: { ...coaching.focus, stageName: name(coaching.focus.stage)!, toStageName: name(coaching.focus.toStage) },
    conversion: step
      ? { advanced: step.advanced, reached: step.reached, rate: step.rate, teamRate: step.teamRate, windowDays: conversion.windowDays, asOfText: asOfText(conversion, now, viewer.tz) }
      : null,
    tip: library.tip,
    questions: library.questions.slice(0, 3),
    exemplars: await listExemplars(db, rep.workspaceId, coaching.focus.stage),
    // The viewer may see this rep's coaching (checked above): the rep, their manager or an admin may read their reviews.
    reviewedCalls: await listFocusReviews(db, rep, coaching.focus.stage, now),
  };
}

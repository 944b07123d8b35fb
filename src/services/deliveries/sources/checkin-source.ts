import { listRecordedKeys, recordedKey } from '../../../../db/repositories/planning-facts';
import { policyReasonKey } from '../../../domain/nudge-policy';
import { decidePlanned, NO_COUNTS, scheduledReps } from './checkin-nudge-reps';
import type { TPlanCandidate, TPlanSource } from '../types';

/**
 * Check-ins (SPEC §2 tiers): "How did today go?" in the rep's DM, daily for focused reps, weekly (the last
 * working day of the week) for guided and ramping ones, none for autonomous reps unless they turn them on;
 * an explicit setting (daily / weekly / off) wins over the tier. Keyed `checkin:2026-11-24` or
 * `checkin:2026-W48`. The no-nagging policy decides each (paused, away, holiday, working hours).
 *
 * Keys recorded already are left out here, with one statement for the workspace, so a run re-reading the
 * last 24 hours costs nothing per person; the planner's own check stays as the guarantee.
 */
export const checkinSource: TPlanSource = async (db, context) => {
  const planned = (await scheduledReps(db, context, 'checkins')).flatMap((rep) =>
    rep.instants.flatMap((instant) => (instant.kind === 'checkin' ? [{ rep, instant, periodKey: policyReasonKey({ kind: 'checkin' }, instant.period) }] : [])),
  );
  const recorded = await listRecordedKeys(db, planned.map((p) => ({ kind: 'checkin', recipientId: p.rep.person.id, periodKey: p.periodKey })));
  return planned
    .filter((p) => !recorded.has(recordedKey({ kind: 'checkin', recipientId: p.rep.person.id, periodKey: p.periodKey })))
    .map(({ rep, instant, periodKey }): TPlanCandidate => ({
      workspaceId: context.workspaceId,
      kind: 'checkin',
      recipient: rep.person,
      periodKey,
      dueAt: instant.dueAt,
      resolve: async (_tx, now) => ({ subjectId: null, decision: await decidePlanned(rep.policy, { kind: 'checkin' }, instant.dueAt, now, NO_COUNTS) }),
    }));
};

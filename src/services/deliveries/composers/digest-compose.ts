import { DateTime } from 'luxon';
import { findLatestTierSnapshot } from '../../../../db/repositories/coaching-snapshots';
import { findWorkspaceAppId } from '../../../../db/repositories/workspaces';
import { renderRepDigest, renderTeamDigest } from '../../../slack/blocks/digest';
import { buildRepDigest } from '../../digests/build-digest';
import { buildTeamDigest } from '../../digests/build-team-digest';
import { holidayAt, policyPersonOf } from '../policy-person';
import { getCoachingSettings } from '../../setup/coaching-settings';
import { decideDigest } from '../sources/digest-source';
import type { TComposer } from '../types';

/**
 * A rep's digest or a manager's team digest, built at send time from the data as it is then; skipped when it
 * would now be more than 12 hours late, when the person paused or went away since it was planned (the policy
 * is asked again), when they are no longer a rep, or when nobody reports to the manager any more.
 */
export const composeDigestDelivery: TComposer = async (db, row, recipient, now) => {
  if (row.kind !== 'digest' && row.kind !== 'team_digest') return { action: 'skip', reason: `skipped: '${row.kind}' is not a digest` };
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  const dueAt = DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' });
  const person = policyPersonOf(recipient, (await findLatestTierSnapshot(db, recipient.id, now))?.tier ?? null, (await getCoachingSettings(db, recipient.workspaceId)).preferenceDefaults);
  const decision = decideDigest({ kind: row.kind, person, dueAt, now: at, holidayAt: (instant) => holidayAt(person, instant) });
  if (decision.status !== 'pending') return { action: 'skip', reason: decision.reason };
  const options = { dueAt: dueAt.toJSDate(), now, appId: await findWorkspaceAppId(db, recipient.workspaceId) };

  if (row.kind === 'digest') {
    if (recipient.role !== 'rep') return { action: 'skip', reason: `skipped: ${person.name} is no longer a rep` };
    return { action: 'send', recipient, message: renderRepDigest(await buildRepDigest(db, recipient, options)) };
  }
  const view = await buildTeamDigest(db, recipient, options);
  if (view.reps.length === 0) return { action: 'skip', reason: `skipped: no reps report to ${person.name} any more` };
  return { action: 'send', recipient, message: renderTeamDigest(view) };
};

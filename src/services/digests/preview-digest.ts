import type { TDb } from '../../../db/client';
import { listReports, type TPersonRow } from '../../../db/repositories/people';
import { buildRepDigest } from './build-digest';
import type { TRepDigestView, TTeamDigestView } from '../../slack/blocks/view-models/digest';
import { buildTeamDigest } from './build-team-digest';

export type TDigestPreview = { kind: 'rep'; view: TRepDigestView } | { kind: 'team'; view: TTeamDigestView } | { kind: 'none' };

/**
 * The digest the person would get if it went out at `now`: a rep's own digest, a manager's team digest,
 * or none (a manager or admin with no reps). Only reads.
 */
export async function previewDigest(db: TDb, person: TPersonRow, now: Date): Promise<TDigestPreview> {
  const options = { dueAt: now, now };
  if (person.role === 'rep') return { kind: 'rep', view: await buildRepDigest(db, person, options) };
  if ((await listReports(db, person.id)).some((p) => p.role === 'rep')) return { kind: 'team', view: await buildTeamDigest(db, person, options) };
  return { kind: 'none' };
}

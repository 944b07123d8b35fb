import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listLiveRequests } from '../../../db/repositories/call-review-requests';
import { insertCallReview } from '../../../db/repositories/call-reviews';
import { findOneOnOne } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { checkRecordingLink, mrkdwnText, REVIEW_TEXT_MAX, requestAccess, requestsExpireBefore } from '../../domain/call-reviews';
import { AppError } from '../../domain/errors';
import { formatMeetingTime, nextOccurrence } from '../../domain/schedule';
import type { TReviewRequestedView } from '../../slack/blocks/view-models/review-form';
import { reviewParty } from './review-party';
import { requestSummary } from './review-summaries';

/** At most this many open requests per rep (expired ones do not count): a manager's brief is not a queue. */
export const MAX_OPEN_REQUESTS = 5;

/**
 * A rep asks their manager to review one of their calls (`/coach review request <link> [note]`, the shortcut on
 * their own message, or naming themselves). Recorded as a `requested` review: the manager sees it on their Home tab
 * and in the brief of their next 1:1 with the rep — never as a DM of its own. A request is open for 30 days, or until
 * the rep takes it back. Asking again for the same link is answered kindly and changes nothing.
 */
export async function requestReview(db: TDb, rep: TPersonRow, input: { url: string; note?: string }, now: Date): Promise<TReviewRequestedView> {
  const access = requestAccess(reviewParty(rep));
  if (access.kind !== 'request') throw new AppError('not_allowed', access.kind === 'refuse' ? access.message : 'Only your own calls can be asked about.');
  const link = checkRecordingLink(input.url);
  if (!link.ok) throw new AppError('bad_input', link.message);
  const note = (input.note ?? '').trim();
  if (note.length > REVIEW_TEXT_MAX.requestNote) {
    throw new AppError('bad_input', `Keep the note under ${REVIEW_TEXT_MAX.requestNote} characters (it was ${note.length}); your manager can ask you the rest.`);
  }
  const manager = await findPersonById(db, access.managerId);
  if (!manager || manager.workspaceId !== rep.workspaceId) throw new AppError('not_found', 'Your manager is not in Canopy any more, so there is nobody to ask just now.');
  const managerName = manager.name || manager.slackUserId;
  const oneOnOneText = await nextOneOnOneText(db, manager, rep, now);
  const open = await listLiveRequests(db, rep.id, requestsExpireBefore(now));
  const asked = open.find((r) => r.url === link.url);
  if (asked) return { kind: 'already', managerName, url: link.url, label: requestSummary(asked, rep.tz).label, oneOnOneText };
  if (open.length >= MAX_OPEN_REQUESTS) {
    throw new AppError(
      'bad_input',
      `You have ${MAX_OPEN_REQUESTS} calls waiting for ${mrkdwnText(managerName)} to review already. Once they've answered one (or you take one back with \`/coach review request cancel\`), ask again.`,
    );
  }
  const request = await insertCallReview(db, { workspaceId: rep.workspaceId, repId: rep.id, url: link.url, status: 'requested', requestNote: note === '' ? null : note, requestedAt: now });
  return { kind: 'requested', managerName, url: link.url, label: requestSummary(request, rep.tz).label, oneOnOneText };
}

/** When the rep's next 1:1 with this manager starts, in the rep's time ("Tue 8 Dec, 10:00"); null without one. */
async function nextOneOnOneText(db: TDb, manager: TPersonRow, rep: TPersonRow, now: Date): Promise<string | null> {
  const oneOnOne = await findOneOnOne(db, manager.id, rep.id);
  if (!oneOnOne) return null;
  return formatMeetingTime(nextOccurrence(oneOnOne, DateTime.fromJSDate(now, { zone: oneOnOne.tz })), rep.tz);
}

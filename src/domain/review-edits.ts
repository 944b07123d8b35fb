import { mrkdwnText } from './call-reviews';

/*
 * Correcting or taking back a shared call review (a wrong link, a typo, the wrong rep): who may, and what happens to
 * the rep's DM about it. Pure: the services read the people and the delivery, these rules decide.
 */

export type TReviewChange = 'edit' | 'delete';

export type TReviewEditAccess = { kind: 'allowed' } | { kind: 'refuse'; message: string };

/**
 * Who may edit or delete a shared review, judged on the people as they are now (at the click, and again on submit):
 * an admin always; its reviewer while the rep is still on their team. The rep, a peer, another manager, or a reviewer
 * whose rep has since left their team may not — the review then stays unless an admin takes it back.
 */
export function reviewEditAccess(
  actor: { id: number; isAdmin: boolean },
  review: { reviewerId: number | null },
  rep: { id: number; name: string; managerId: number | null },
  change: TReviewChange,
): TReviewEditAccess {
  if (actor.isAdmin) return { kind: 'allowed' };
  const verb = change === 'edit' ? 'change' : 'delete';
  if (actor.id === rep.id) return { kind: 'refuse', message: `This review is yours to read; only the person who wrote it (or an admin) can ${verb} it. Nothing was changed.` };
  if (review.reviewerId !== actor.id) return { kind: 'refuse', message: `Only the person who wrote this review (or an admin) can ${verb} it. Nothing was changed.` };
  if (rep.managerId !== actor.id) {
    return { kind: 'refuse', message: `${mrkdwnText(rep.name)} isn't on your team any more, so you can't ${verb} this review now. An admin can delete it if it has to go. Nothing was changed.` };
  }
  return { kind: 'allowed' };
}

/** What becomes of the rep's DM about a review when the review is edited or deleted, by the DM's delivery status. */
export type TReviewDmChange = 'update' | 'remove' | 'skip' | 'none';

/**
 * - a DM sent (`landed`: where it is in Slack is known): edited in place (`update`) or deleted (`remove`);
 * - a DM still `pending`: nothing for an edit (it is written at send time from the review as it is then); skipped
 *   for a deletion, so it is never sent;
 * - anything else (none planned yet, held back and carried by a check-in or digest, skipped, failed, being sent right
 *   now): nothing — whatever writes it later reads the review as it is then, and finds none once it is deleted.
 */
export function reviewDmChange(change: TReviewChange, dm: { status: string; landed: boolean } | undefined): TReviewDmChange {
  if (!dm) return 'none';
  if (dm.status === 'sent' && dm.landed) return change === 'edit' ? 'update' : 'remove';
  if (dm.status === 'pending' && change === 'delete') return 'skip';
  return 'none';
}

/** The reason a pending review DM is skipped with when its review is deleted. */
export const REVIEW_DELETED_REASON = 'skipped: the reviewer deleted the review';

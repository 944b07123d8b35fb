import type { TDb } from '../../../db/client';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TReviewParty } from '../../domain/call-reviews';
import { questionRecipient } from '../../domain/review-comments';
import { isAdmin } from '../teams/authorize';

/** A person as the review rules see them. */
export function reviewParty(person: TPersonRow): TReviewParty {
  return {
    id: person.id,
    name: person.name || person.slackUserId,
    role: person.role,
    isAdmin: isAdmin(person),
    managerId: person.managerId,
    isBot: person.isBot,
    isDeleted: person.isDeleted,
  };
}

/**
 * Who a rep's question about their review goes to now (`questionRecipient`): the reviewer while they may still read
 * it, else the rep's current manager; `to` undefined when nobody may. The one place every surface asks, so the
 * "Ask … a question" button, the review DM's "I'll pass them to …" and where the question goes always agree.
 */
export async function questionRecipientOf(db: TDb, rep: TPersonRow, reviewerId: number | null): Promise<{ kind: 'reviewer' | 'manager'; to: TPersonRow; reviewer: TPersonRow | undefined } | { kind: 'nobody'; reviewer: TPersonRow | undefined }> {
  const reviewer = reviewerId !== null ? await findPersonById(db, reviewerId) : undefined;
  const manager = rep.managerId !== null ? await findPersonById(db, rep.managerId) : undefined;
  const recipient = questionRecipient(reviewParty(rep), reviewer ? reviewParty(reviewer) : null, manager ? reviewParty(manager) : null);
  if (recipient.kind === 'reviewer' && reviewer) return { kind: 'reviewer', to: reviewer, reviewer };
  if (recipient.kind === 'manager' && manager) return { kind: 'manager', to: manager, reviewer };
  return { kind: 'nobody', reviewer };
}

/** The name of whoever a rep's question about the review goes to now; null when nobody may take it. */
export async function questionRecipientName(db: TDb, rep: TPersonRow, reviewerId: number | null): Promise<string | null> {
  const recipient = await questionRecipientOf(db, rep, reviewerId);
  return recipient.kind === 'nobody' ? null : recipient.to.name || recipient.to.slackUserId;
}

import type { TPersonRow } from '../../../db/repositories/people';
import type { TReviewParty } from '../../domain/call-reviews';
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

import { beforeEach, describe, expect, it } from 'vitest';
import { insertCallReview } from '../../db/repositories/call-reviews';
import { s } from '../support/tables';
import { setManager, setRole, type TPersonRow } from '../../db/repositories/people';
import type { TDb } from '../../db/client';
import { deleteReview } from '../../src/services/call-reviews/delete-review';
import { editReview } from '../../src/services/call-reviews/edit-review';
import type { TReviewThreadSlack } from '../../src/services/call-reviews/thread-port';
import { renderReviewDeleted, renderReviewEditedModal } from '../../src/slack/blocks/review-change';
import { addPerson, memoryDb } from '../support/db';

const { deliveries } = s;

/*
 * Editing or deleting a review whose DM was held back and that came with a check-in or digest instead: the rep already
 * has that copy in a message Canopy does not rewrite, so the reviewer is told so rather than "their DM isn't sent yet"
 * or "they will no longer see it". A held review no carrier has brought yet gets the new text when it goes.
 */

const WS = 'T0CARRY';
const SHARED = new Date('2026-12-07T19:00:00Z');
const DUE = new Date('2026-12-08T14:00:00Z');
const NOW = new Date('2026-12-09T15:00:00Z');

/** Slack as the thread port sees it: these cases must never reach it (nothing of Canopy's is rewritten or deleted). */
const untouchedSlack: TReviewThreadSlack = {
  openDm: () => Promise.reject(new Error('not expected')),
  post: () => Promise.reject(new Error('not expected')),
  update: () => Promise.reject(new Error('not expected')),
  remove: () => Promise.reject(new Error('not expected')),
};

describe('changing a review that came with a check-in or digest', () => {
  let db: TDb;
  let manager: TPersonRow;
  let rep: TPersonRow;
  let reviewId: number;

  beforeEach(async () => {
    db = await memoryDb();
    manager = await addPerson(db, WS, 'U0MGR1', { name: 'Morgan' });
    await setRole(db, manager.id, 'manager');
    manager = { ...manager, role: 'manager' };
    rep = await addPerson(db, WS, 'U0REP1', { name: 'Dana' });
    await setManager(db, rep.id, manager.id);
    rep = { ...rep, managerId: manager.id };
    reviewId = (await insertCallReview(db, {
      workspaceId: WS,
      repId: rep.id,
      reviewerId: manager.id,
      url: 'https://app.gong.io/call?id=1',
      status: 'shared',
      wentWell: 'You let them talk.',
      oneThing: 'Agree the next step.',
      oneThingStage: 'discovery',
      sharedAt: SHARED,
    })).id;
    await db.insert(deliveries).values({ workspaceId: WS, kind: 'review', recipientId: rep.id, periodKey: `review:${reviewId}`, status: 'suppressed', reason: 'held back', dueAt: DUE, subjectId: reviewId });
  });

  const carriedBy = async (kind: 'checkin' | 'digest', sentAt: Date) =>
    await db.insert(deliveries).values({ workspaceId: WS, kind, recipientId: rep.id, periodKey: `${kind}:${sentAt.toISOString()}`, status: 'sent', dueAt: sentAt, sentAt, slackChannel: 'D0REP1', slackTs: '1765000000.000100' });
  const edit = () =>
    editReview({
      db,
      slack: untouchedSlack,
      actor: manager,
      reviewId,
      submission: { url: 'https://app.gong.io/call?id=1', dealId: null, callStage: null, wentWell: 'You let them talk.', oneThing: 'Agree the next step, with a date.', oneThingStage: 'discovery', exemplarId: null },
      now: NOW,
      onError: (error) => {
        throw error;
      },
    });
  const text = (blocks: unknown) => JSON.stringify(blocks);

  it('edit after a check-in brought it: the reviewer hears that copy keeps the old text', async () => {
    await carriedBy('checkin', new Date('2026-12-08T21:30:00Z'));
    const result = await edit();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.view.dm).toBe('carried');
    expect(text(renderReviewEditedModal(result.view).blocks)).toContain('the copy that came with an earlier check-in or digest keeps the old text');
  });

  it('edit before any carrier went: it comes with their next check-in or digest, with the new text', async () => {
    await carriedBy('digest', new Date('2026-12-07T14:00:00Z'));
    const result = await edit();
    expect(result.ok && result.view.dm).toBe('to_carry');
    if (result.ok) expect(text(renderReviewEditedModal(result.view).blocks)).toContain('it comes with their next check-in or digest');
  });

  it('delete after a digest brought it: the reviewer hears that copy stays', async () => {
    await carriedBy('digest', new Date('2026-12-08T14:00:00Z'));
    const result = await deleteReview({ db, slack: untouchedSlack, actor: manager, reviewId, now: NOW, onError: () => undefined });
    expect(result.view).toEqual({ kind: 'deleted', repName: 'Dana', carried: true });
    expect(text(renderReviewDeleted(result.view))).toContain('the copy that came with an earlier check-in or digest stays in that message');
  });

  it('delete before any carrier went: nothing stays behind', async () => {
    const result = await deleteReview({ db, slack: untouchedSlack, actor: manager, reviewId, now: NOW, onError: () => undefined });
    expect(result.view).toEqual({ kind: 'deleted', repName: 'Dana', carried: false });
    expect(text(renderReviewDeleted(result.view))).not.toContain('stays');
  });
});

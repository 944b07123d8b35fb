import type { TDb } from '../../../db/client';
import { findCallReview } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { brokenLinkMessage, checkRecordingLink, continuesLink, requestsExpireBefore, reviewAccess } from '../../domain/call-reviews';
import { AppError } from '../../domain/errors';
import { defaultOneThingStage, readCallWords, type TReviewStage } from '../../domain/review-form';
import type { TReviewFormView, TReviewRequestedView } from '../../slack/blocks/view-models/review-form';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { canManageTeam } from '../teams/authorize';
import { requestReview } from './request-review';
import { reviewDeals, reviewExemplars, reviewStages } from './review-form-data';
import { reviewParty } from './review-party';
import { requestSummary } from './review-summaries';

export type TOpenReviewFormInput =
  /** `/coach review @rep <link> [deal] [stage]`: the rep by person id and the words after the link. */
  | { kind: 'rep'; repId: number; url: string; words?: readonly string[] }
  /** The "Review this call" shortcut: the message's first link, the others in it, and its author (null: not a person, e.g. a bot). */
  | { kind: 'message'; authorId: number | null; url: string; otherLinks?: readonly string[] }
  /** A rep's request, from the button in the manager's brief. */
  | { kind: 'request'; requestId: number };

export type TOpenReviewForm = { kind: 'form'; view: TReviewFormView } | { kind: 'requested'; view: TReviewRequestedView };

export const REQUEST_GONE = 'That request isn’t open any more — it was answered already, the rep took it back, or it expired after 30 days. Nothing else to do here.';

/**
 * What the review command, shortcut or request button opens. The rep's manager or an admin gets the form (the
 * rep's open deals and the workspace's stages as options, the call's deal and stage read from the words, the
 * one thing's stage defaulting to the rep's focus stage, the workspace's recordings to compare with); a person
 * naming themselves asks their manager instead (a request, recorded now); anyone else is refused with a reason.
 * Reads the database only: the trigger expires 3 s after the click.
 */
export async function openReviewForm(db: TDb, actor: TPersonRow, input: TOpenReviewFormInput, now: Date): Promise<TOpenReviewForm> {
  if (input.kind === 'request') return openForRequest(db, actor, input.requestId, now);
  const link = checkRecordingLink(input.url);
  if (!link.ok) throw new AppError('bad_input', link.message);
  if (input.kind === 'message') {
    const author = input.authorId === null ? undefined : await findPersonById(db, input.authorId);
    if (author && author.workspaceId === actor.workspaceId) {
      const access = reviewAccess(reviewParty(actor), reviewParty(author));
      if (access.kind === 'review') return { kind: 'form', view: withOtherLinks(await formFor(db, actor.workspaceId, author, link.url, [], now), input.otherLinks) };
      if (access.kind === 'request') return { kind: 'requested', view: await requestReview(db, actor, { url: link.url }, now) };
      if (!canManageTeam(actor)) throw new AppError('not_allowed', access.message);
    } else if (!canManageTeam(actor)) {
      throw new AppError('not_allowed', 'Reviews are written by a rep’s manager. To get feedback on a call of your own, use the shortcut on your own message, or `/coach review request &lt;link&gt;`.');
    }
    // A manager on a message that is not one of their reps': they pick whose call it is.
    return { kind: 'form', view: withOtherLinks(await formFor(db, actor.workspaceId, null, link.url, [], now), input.otherLinks) };
  }
  const rep = await findPersonById(db, input.repId);
  if (!rep || rep.workspaceId !== actor.workspaceId) throw new AppError('not_found', 'I don’t know that person in this workspace.');
  const access = reviewAccess(reviewParty(actor), reviewParty(rep));
  if (access.kind === 'refuse') throw new AppError('not_allowed', access.message);
  if (access.kind === 'request') return { kind: 'requested', view: await requestReview(db, actor, { url: link.url, note: (input.words ?? []).join(' ') }, now) };
  const view = await formFor(db, actor.workspaceId, rep, link.url, input.words ?? [], now);
  // `https://exa mple.com/a`: the words after the link are the rest of it, not a deal.
  const next = input.words?.[0] ?? '';
  if (view.dealNote?.kind === 'none' && continuesLink(next)) throw new AppError('bad_input', brokenLinkMessage(input.url));
  return { kind: 'form', view };
}

/** The form opened on a message with several links: it says which one it took; the link stays editable. */
function withOtherLinks(view: TReviewFormView, others: readonly string[] | undefined): TReviewFormView {
  return others && others.length > 0 ? { ...view, otherLinks: [...others] } : view;
}

async function openForRequest(db: TDb, actor: TPersonRow, requestId: number, now: Date): Promise<TOpenReviewForm> {
  const request = await findCallReview(db, actor.workspaceId, requestId);
  if (!request || request.status !== 'requested') throw new AppError('not_found', REQUEST_GONE);
  if ((request.requestedAt ?? request.createdAt) < requestsExpireBefore(now)) throw new AppError('not_found', REQUEST_GONE);
  const rep = await findPersonById(db, request.repId);
  if (!rep) throw new AppError('not_found', REQUEST_GONE);
  const access = reviewAccess(reviewParty(actor), reviewParty(rep));
  if (access.kind !== 'review') {
    throw new AppError('not_allowed', access.kind === 'refuse' ? access.message : 'That is your own request — your manager answers it.');
  }
  const form = await formFor(db, actor.workspaceId, rep, request.url, [], now);
  return { kind: 'form', view: { ...form, request: { id: request.id, note: request.requestNote, label: requestSummary(request, actor.tz).label } } };
}

/** The form for `rep`'s call at `url` (null rep: picked in the form), with the deal and stage read from `words`. */
export async function formFor(db: TDb, workspaceId: string, rep: TPersonRow | null, url: string, words: readonly string[], now: Date): Promise<TReviewFormView> {
  const stages = await reviewStages(db, workspaceId);
  const exemplars = (await reviewExemplars(db, workspaceId)).map((e) => ({ id: e.id, stage: e.stage, stageName: stageName(stages, e.stage), title: e.title }));
  const base = { url, stages: stages.map(({ key, name }) => ({ key, name })), exemplars };
  if (!rep) return { ...base, rep: null, deals: [] };
  const deals = await reviewDeals(db, rep.id);
  const call = readCallWords(words, stages, deals);
  const focusStage = (await getRepCoaching(db, rep.id, now))?.focus?.stage;
  const oneThingStage = defaultOneThingStage(stages, focusStage, call.stage);
  return {
    ...base,
    rep: { id: rep.id, name: rep.name || rep.slackUserId },
    deals: deals.map((d) => ({ id: d.id, name: d.name, stageName: stageName(stages, d.stage) })),
    ...(call.dealId !== undefined && { dealId: call.dealId }),
    ...(call.dealNote !== undefined && { dealNote: call.dealNote }),
    ...(call.stage !== undefined && { callStage: call.stage }),
    ...(oneThingStage !== undefined && { oneThingStage }),
  };
}

function stageName(stages: readonly TReviewStage[], key: string): string {
  return stages.find((s) => s.key === key)?.name ?? key;
}

import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findOneOnOneById, listActionItemsForBrief, listAgendaFor, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { briefPeriod, relativeToNow } from '../../domain/brief-period';
import { coachingFor, NO_FOCUS_QUESTIONS, TIER_TONE } from '../../domain/coaching/library';
import { describeRecurrence, formatMeetingTime, previousOccurrence } from '../../domain/schedule';
import { briefActivity, briefConversion, briefOutcomes, stageNamer } from './brief-numbers';
import { briefIdleDeals } from './brief-idle-deals';
import { briefDealPattern } from './brief-deal-pattern';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { type TRepCoaching } from '../coaching/coaching-rows';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { agendaSince } from '../one-on-ones/agenda-rules';
import { getBriefReviews } from '../call-reviews/get-brief-reviews';

/** One occurrence of a 1:1 the brief is for; `meetingId` null when its row has not been created. */
export type TBriefMeeting = { oneOnOneId: number; meetingId: number | null; startsAt: Date };

export type TBriefInput = {
  rep: TPersonRow;
  /** The recipient: "you" in the brief, and the zone of its dates. */
  manager: TPersonRow;
  now: Date;
  meeting: TBriefMeeting | null;
};

/** Before the first recompute there is no tier to speak to: a tone for any rep. */
const NO_TIER_TONE = 'Start from their deals and what they want to get better at; coaching by tier begins after the first nightly recompute.';
const QUESTIONS = 3;

/**
 * The manager's pre-1:1 brief on a rep (SPEC §1): tier, activity in context, conversion vs. the team with
 * the focus, a pattern across the rep's deals when one stands out, stalled deals, agenda, action items, call reviews and requests, questions and tone. No authorization here: callers decide.
 */
export async function buildManagerBrief(db: TDb, input: TBriefInput): Promise<TBriefView> {
  const { rep, manager } = input;
  const zone = manager.tz;
  const now = DateTime.fromJSDate(input.now, { zone });
  const { stages, activityStages } = await getSellingSystem(db, rep.workspaceId);
  const oneOnOne = input.meeting ? await findOneOnOneById(db, input.meeting.oneOnOneId) : undefined;
  const start = input.meeting && oneOnOne ? DateTime.fromJSDate(input.meeting.startsAt, { zone }) : null;
  const previousStart = oneOnOne && start ? previousOccurrence(oneOnOne, start) : null;
  const period = briefPeriod(previousStart, now);
  const coaching = await getRepCoaching(db, rep.id, input.now);
  const ctx = { db, rep, stages, activityStages, now: input.now, period };
  const focusName = coaching?.focus ? stageNamer(stages)(coaching.focus.stage) : null;
  const questions = (coaching?.focus ? coachingFor(coaching.focus.stage).questions : NO_FOCUS_QUESTIONS).slice(0, QUESTIONS);
  const meetingOf = oneOnOne && start ? { oneOnOne, start } : null;
  return {
    rep: { name: rep.name, slackUserId: rep.slackUserId },
    asOfMs: input.now.getTime(),
    meeting: meetingOf && { label: formatMeetingTime(meetingOf.start, zone), relative: relativeToNow(meetingOf.start, now), recurrence: describeRecurrence(meetingOf.oneOnOne) },
    meetingId: meetingOf ? (input.meeting?.meetingId ?? null) : null,
    tier: tierOf(coaching),
    period: { basis: period.basis, fromLabel: formatMeetingTime(period.from, zone), days: Math.round(period.days * 10) / 10 },
    activity: coaching?.tier.tier === 'autonomous' ? await briefOutcomes(ctx) : await briefActivity(ctx, coaching),
    conversion: await briefConversion(ctx, coaching),
    pattern: await briefDealPattern(ctx),
    ...(await briefIdleDeals(ctx)),
    agenda: meetingOf ? await agendaOf(db, input, meetingOf.oneOnOne, meetingOf.start) : [],
    actionItems: meetingOf ? await actionItemsOf(db, input, meetingOf.oneOnOne, meetingOf.start) : [],
    reviews: await getBriefReviews(db, rep, { previousStart: previousStart?.toJSDate() ?? null, now: input.now, zone, readerId: manager.id }),
    questions: { stageName: focusName, items: questions },
    tone: coaching ? TIER_TONE[coaching.tier.tier] : NO_TIER_TONE,
  };
}

function tierOf(coaching: TRepCoaching | null): TBriefView['tier'] {
  if (!coaching) return null;
  const { tier, reasonText, changed, previousTier } = coaching.tier;
  // A ramping rep is not judged (SPEC §2): neither the reason nor where they came from is shown.
  const ramping = tier === 'ramping';
  return { tier, reason: ramping ? null : reasonText, changedFrom: changed && !ramping ? previousTier : null };
}

/** Names of the people on a 1:1's items: the two of them, anyone else (an admin who added one) looked up once. */
function namer(db: TDb, input: TBriefInput): (personId: number) => Promise<string> {
  const names = new Map<number, string>([
    [input.rep.id, input.rep.name],
    [input.manager.id, input.manager.name],
  ]);
  return async (personId) => {
    if (!names.has(personId)) names.set(personId, (await findPersonById(db, personId))?.name ?? 'someone');
    return names.get(personId)!;
  };
}

/** The coming meeting's agenda: attached to it, or added since the previous occurrence started. */
async function agendaOf(db: TDb, input: TBriefInput, oneOnOne: TOneOnOneRow, start: DateTime): Promise<TBriefView['agenda']> {
  const nameOf = namer(db, input);
  const items = await listAgendaFor(db, oneOnOne.id, { meetingId: input.meeting?.meetingId ?? undefined, since: await agendaSince(db, oneOnOne, start) });
  return Promise.all(items.map(async (item) => ({ text: item.text, authorName: await nameOf(item.authorId), fromYou: item.authorId === input.manager.id })));
}

/** The last meeting's action items (done or not) and older ones still open, labelled with their meeting. */
async function actionItemsOf(db: TDb, input: TBriefInput, oneOnOne: TOneOnOneRow, start: DateTime): Promise<TBriefView['actionItems']> {
  const nameOf = namer(db, input);
  const zone = input.manager.tz;
  const items = await listActionItemsForBrief(db, oneOnOne.id, start.toJSDate());
  const last = Math.max(...items.map((item) => item.meetingStartsAt.getTime()));
  const today = DateTime.fromJSDate(input.now, { zone }).toISODate()!;
  return Promise.all(items.map(async (item) => {
    const done = item.doneAt !== null;
    const due = item.dueDate ? DateTime.fromISO(item.dueDate, { zone }) : null;
    const carried = item.meetingStartsAt.getTime() < last;
    return {
      text: item.text,
      ownerName: await nameOf(item.ownerId),
      ownerIsYou: item.ownerId === input.manager.id,
      dueLabel: due?.isValid ? due.toFormat('ccc d LLL', { locale: 'en-US' }) : null,
      overdue: !done && item.dueDate !== null && item.dueDate < today,
      done,
      carriedFrom: carried ? DateTime.fromJSDate(item.meetingStartsAt, { zone }).toFormat('ccc d LLL', { locale: 'en-US' }) : null,
    };
  }));
}

import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { TBriefView } from './view-models/brief';
import { activityText, conversionText, dealsText, fitLines, inline, patternText, plainWords } from './brief-sections';
import { escapeText } from './escape';
import { reviewChangeMenu } from './review-change';
import { REVIEW_IDS } from './review-ids';
import { reviewerText, reviewLink, stageSuffix, triedMark } from './review-text';
import { context, header, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import { blocksToPlainText } from './plain-text';

/** The brief's "Log notes" button; its value is `{"meetingId":123}` (ZBriefLogNotesValue). */
export const BRIEF_LOG_NOTES_ACTION = 'brief_log_notes';
export const ZBriefLogNotesValue = z.object({ meetingId: z.number().int().positive() });
export type TBriefLogNotesValue = z.infer<typeof ZBriefLogNotesValue>;

/** The brief's "How is this computed?" button; its value names the rep and the instant the brief described. */
export const BRIEF_EXPLAIN_ACTION = 'brief_explain';
export const ZBriefExplainValue = z.object({ rep: z.string().regex(/^[A-Z0-9]{2,40}$/), asOf: z.number().int().nonnegative() });
export type TBriefExplainValue = z.infer<typeof ZBriefExplainValue>;

export const TIER_NAMES = { autonomous: 'Autonomous', guided: 'Guided', focused: 'Focused', ramping: 'Ramping' } as const;
const PERIOD_TITLES = { since_meeting: 'Since the last 1:1', default: 'Last 7 days', capped: 'Last 14 days' } as const;
const AGENDA_ITEM_MAX = 300;
const ACTION_ITEM_MAX = 200;

/**
 * The manager's pre-1:1 brief (SPEC §1) as a DM that reads on a phone in about a screen and a half: the
 * meeting and tier, activity in context, conversion vs. the team with the focus (and a pattern across the
 * rep's deals when one stands out), deals to talk about
 * (stalled, then dormant once), agenda and the last 1:1's action items, questions and tone — plain words,
 * bold leads instead of headers, and "How is this computed?" as one sentence with a button for the detail.
 * Always within Slack's limits whatever the agenda holds.
 */
export function renderBrief(view: TBriefView): { text: string; blocks: KnownBlock[] } {
  const name = escapeText(view.rep.name);
  const blocks: KnownBlock[] = [
    header(`Brief: your 1:1 with ${name}`),
    section(`${meetingText(view)}\n${tierText(view.tier)}`),
    section(`*${activityTitle(view)}*\n${activityText(view.activity)}`),
    section(`*Conversion vs. the team*\n${conversionText(view.conversion, view.pattern && patternText(view.pattern, view.rep.name))}`),
    section(`*Deals to talk about*\n${dealsText(view.stalled, view.dormant)}`),
    section(`*Agenda*\n${agendaText(view)}`),
    section(`*From the last 1:1*\n${actionItemsText(view.actionItems)}`),
    ...reviewBlocks(view),
    section(`*Ask${view.questions.stageName ? ` about ${inline(view.questions.stageName, 60)}` : ''}*\n${questionsText(view)}\n:bulb: ${inline(view.tone, 600)}`),
    context(`*How is this computed?* ${howText(view)}`),
    buttons(view),
  ];
  const when = view.meeting ? ` — ${view.meeting.label}` : '';
  return { blocks: fitMessage(blocks), text: fitFallbackText(`Brief for your 1:1 with ${name}${escapeText(when)}`) };
}

/** The brief for a terminal (`preview`, the demo). */
export function briefToPlainText(view: TBriefView): string {
  return blocksToPlainText(renderBrief(view).blocks);
}

function meetingText(view: TBriefView): string {
  if (!view.meeting) return ':calendar: No 1:1 scheduled — `/coach 1on1 @rep weekly tue 10:00`';
  const { label, relative, recurrence } = view.meeting;
  return `:calendar: *${escapeText(label)}* (${escapeText(relative)}) · ${escapeText(recurrence)}`;
}

function tierText(tier: TBriefView['tier']): string {
  if (!tier) return 'No tier yet: coaching starts after the nightly recompute.';
  // SPEC §2: a ramping rep gets no tier judgement, so no reason is given either.
  if (tier.tier === 'ramping') return '*Ramping* — new, with under 60 days of data: no tier judgement yet.';
  const name = TIER_NAMES[tier.tier];
  const changed = tier.changedFrom ? ` (was ${TIER_NAMES[tier.changedFrom].toLowerCase()})` : '';
  // The recompute's reasons open with the tier's name ('Focused: 0 deals won…'): once is enough.
  const reason = plainWords((tier.reason ?? '').replace(new RegExp(`^${name}:\\s*`, 'i'), ''));
  // 'Well behind pace: …' reads on after a dash as 'well behind pace: …'.
  const lead = /^[A-Z][a-z]/.test(reason) ? `${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : reason;
  return `*${name}*${changed}${lead ? ` — ${inline(lead, 600)}` : ''}`;
}

function activityTitle(view: TBriefView): string {
  const title = PERIOD_TITLES[view.period.basis];
  const days = view.period.basis === 'since_meeting' ? ` (${Math.round(view.period.days)} ${Math.round(view.period.days) === 1 ? 'day' : 'days'})` : '';
  return view.activity.kind === 'outcomes' ? `Outcomes — ${title.toLowerCase()}${days}` : `${title}${days}`;
}

/** One or two sentences; the button opens the whole of it (brief-detail.ts). */
function howText(view: TBriefView): string {
  const activity =
    view.activity.kind === 'outcomes'
      ? 'Autonomous: outcomes only, no activity counts or targets.'
      : 'Activity is counted since the last 1:1 (at most 14 days) against expectations scaled to those days.';
  return `${activity} Conversion is over the last ${view.conversion.windowDays} days against the rest of the team; the focus and tier are from last night's recompute.`;
}

function agendaText(view: TBriefView): string {
  if (view.agenda.length === 0) {
    return view.meeting ? 'Nothing yet — either of you can add to it with `/coach agenda …`.' : 'No 1:1, so no agenda yet.';
  }
  const lines = view.agenda.map((item) => `• ${inline(item.text, AGENDA_ITEM_MAX)} — from ${item.fromYou ? 'you' : inline(item.authorName, 60)}`);
  return fitLines(lines, MAX_SECTION_TEXT - 20);
}

function actionItemsText(items: TBriefView['actionItems']): string {
  if (items.length === 0) return 'No action items.';
  const lines = items.map((item) => {
    const icon = item.done ? ':white_check_mark:' : item.overdue ? ':warning:' : ':large_yellow_circle:';
    const owner = item.ownerIsYou ? 'you' : inline(item.ownerName, 60);
    const due = item.dueLabel ? ` · due ${escapeText(item.dueLabel)}${item.overdue ? ' (overdue)' : ''}` : '';
    const carried = item.carriedFrom ? ` · from ${escapeText(item.carriedFrom)}` : '';
    return `${icon} ${inline(item.text, ACTION_ITEM_MAX)} — ${owner}${due} · ${item.done ? 'done' : 'open'}${carried}`;
  });
  return fitLines(lines, MAX_SECTION_TEXT - 30);
}

function questionsText(view: TBriefView): string {
  return view.questions.items.map((q, i) => `${i + 1}. ${inline(q, 400)}`).join('\n') || 'No questions this time.';
}

function buttons(view: TBriefView): ActionsBlock {
  const explain: TBriefExplainValue = { rep: view.rep.slackUserId, asOf: view.asOfMs };
  const elements: Button[] = [];
  if (view.meetingId !== null) {
    const value: TBriefLogNotesValue = { meetingId: view.meetingId };
    elements.push({ type: 'button', action_id: BRIEF_LOG_NOTES_ACTION, text: { type: 'plain_text', text: 'Log notes', emoji: true }, value: JSON.stringify(value), style: 'primary' });
  }
  elements.push({ type: 'button', action_id: BRIEF_EXPLAIN_ACTION, text: { type: 'plain_text', text: 'The full detail', emoji: true }, value: JSON.stringify(explain) });
  return { type: 'actions', elements };
}

/**
 * "Call reviews since your last 1:1": each review's recording (named by its deal or site and day), who wrote it
 * when it was not the reader, its one thing (stage), tried or not and the rep's questions about it (in its thread or from *Ask*; the last one
 * quoted), and an Edit / Delete menu on each review the reader may change (theirs, or any for an admin); then the rep's
 * open requests, each with "Review this call". At most
 * 3 reviews and 2 requests, then "and N more"; nothing at all when there is neither (a brief reads on a phone).
 */
function reviewBlocks(view: TBriefView): KnownBlock[] {
  const { since, shared, sharedMore, requests, requestsMore } = view.reviews;
  if (shared.length + sharedMore + requests.length + requestsMore === 0) return [];
  const blocks: KnownBlock[] = [];
  if (shared.length > 0) {
    const title = since.basis === 'since_meeting' ? 'Call reviews since your last 1:1' : `Call reviews in the last ${since.days} days`;
    const lines = shared.map((r) => {
      const by = r.byReader ? '' : ` · from ${reviewerText(r.reviewerName)}`;
      const asked = r.questions === 0 ? '' : ` · ${r.questions} ${r.questions === 1 ? 'question' : 'questions'}${r.lastQuestion ? `, last: “${inline(r.lastQuestion, 140)}”` : ''}`;
      return `• ${reviewLink(r)}${by} — ${inline(r.oneThing, 200)}${stageSuffix(r.oneThingStageName)} · ${triedMark(r.tried, view.rep.name)}${asked}`;
    });
    if (shared.some((r) => r.changeable)) {
      // Reviews the reader may edit or delete: a section each (the first under the title), with its menu (one accessory per section).
      shared.forEach((r, i) => {
        const text = i === 0 ? `*${title}*\n${lines[i]!}` : lines[i]!;
        blocks.push(r.changeable ? { ...section(text), accessory: reviewChangeMenu(r.id) } : section(text));
      });
      if (sharedMore > 0) blocks.push(context(`…and ${sharedMore} more`));
    } else {
      blocks.push(section(`*${title}*\n${fitLines(lines, MAX_SECTION_TEXT - 40, sharedMore)}`));
    }
  }
  const name = inline(view.rep.name, 60);
  for (const request of requests) {
    const note = request.note ? ` — “${inline(request.note, 200)}”` : '';
    const block: SectionBlock = {
      ...section(`${name} asked for feedback on ${reviewLink(request)}${note}`),
      accessory: { type: 'button', action_id: REVIEW_IDS.openRequest, text: { type: 'plain_text', text: 'Review this call', emoji: true }, value: String(request.id) },
    };
    blocks.push(block);
  }
  if (requestsMore > 0) blocks.push(context(`…and ${requestsMore} more ${requestsMore === 1 ? 'request' : 'requests'} from ${name}.`));
  return blocks;
}

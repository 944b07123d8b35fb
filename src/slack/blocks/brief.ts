import type { ActionsBlock, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { TBriefView } from './view-models/brief';
import { activityText, conversionBlocks, fitLines, inline } from './brief-sections';
import { escapeText } from './escape';
import { context, header, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import { blocksToPlainText } from './plain-text';

/** The brief's "Log notes" button; its value is `{"meetingId":123}` (ZBriefLogNotesValue). */
export const BRIEF_LOG_NOTES_ACTION = 'brief_log_notes';
export const ZBriefLogNotesValue = z.object({ meetingId: z.number().int().positive() });
export type TBriefLogNotesValue = z.infer<typeof ZBriefLogNotesValue>;

const TIER_NAMES = { autonomous: 'Autonomous', guided: 'Guided', focused: 'Focused', ramping: 'Ramping' } as const;
const PERIOD_TITLES = { since_meeting: 'since the last 1:1', default: 'last 7 days', capped: 'last 14 days' } as const;
const AGENDA_ITEM_MAX = 300;
const ACTION_ITEM_MAX = 200;

/**
 * The manager's pre-1:1 brief (SPEC §1) as a DM: meeting, tier, activity in context, conversion vs. the
 * team with the focus, stalled deals, agenda, action items, questions and tone — in that order, one short
 * line per fact so it reads on a phone, always within Slack's limits whatever the agenda holds.
 */
export function renderBrief(view: TBriefView): { text: string; blocks: KnownBlock[] } {
  const name = escapeText(view.rep.name);
  const blocks: KnownBlock[] = [
    header(`Brief: your 1:1 with ${name}`),
    section(meetingText(view)),
    header('Tier'),
    section(tierText(view.tier)),
    header(`${view.activity.kind === 'outcomes' ? 'Outcomes' : 'Activity'} — ${PERIOD_TITLES[view.period.basis]}`),
    section(activityText(view.activity)),
    context(periodNote(view)),
    header('Stage conversion vs. the team'),
    ...conversionBlocks(view.conversion),
    header('Stalled deals'),
    section(stalledText(view.stalled)),
    header('Agenda'),
    section(agendaText(view)),
    header('Action items'),
    section(actionItemsText(view.actionItems)),
    header(view.questions.stageName ? `Questions to ask — ${escapeText(view.questions.stageName)}` : 'Questions to ask'),
    section(view.questions.items.map((q, i) => `${i + 1}. ${inline(q, 500)}`).join('\n') || 'No questions this time.'),
    section(`:bulb: *Tone:* ${inline(view.tone, 1000)}`),
  ];
  if (view.meetingId !== null) blocks.push(logNotesButton(view.meetingId));
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
  return `:calendar: *${escapeText(label)}* (${escapeText(relative)})\n${escapeText(recurrence)}`;
}

function tierText(tier: TBriefView['tier']): string {
  if (!tier) return 'No tier yet: coaching starts after the nightly recompute.';
  // SPEC §2: a ramping rep gets no tier judgement, so no reason is given either.
  if (tier.tier === 'ramping') return '*Ramping* — new, with under 60 days of data: no tier judgement yet.';
  const name = TIER_NAMES[tier.tier];
  const changed = tier.changedFrom ? ` · changed from ${TIER_NAMES[tier.changedFrom].toLowerCase()}` : '';
  // The recompute's reasons open with the tier's name ('Focused: 0 deals won…'): once is enough.
  const reason = (tier.reason ?? '').replace(new RegExp(`^${name}:\\s*`, 'i'), '');
  return `*${name}*${changed}${reason ? `\n${inline(reason, 1500)}` : ''}`;
}

function periodNote(view: TBriefView): string {
  const days = `${view.period.days} ${view.period.days === 1 ? 'day' : 'days'}`;
  const since = `Since ${escapeText(view.period.fromLabel)} (${days}${view.period.basis === 'capped' ? ', at most 14' : ''}).`;
  if (view.activity.kind === 'outcomes') return `${since} Autonomous: outcome goals only — no activity counts or targets.`;
  return `${since} Expectations scaled to the period: weekly ones × days ÷ 7, daily ones × working days.`;
}

function stalledText(stalled: TBriefView['stalled']): string {
  if (stalled.deals.length === 0) return 'None — every open deal has moved recently.';
  const lines = stalled.deals.map((d) => `• ${inline(d.name, 120)} — ${inline(d.stageName, 60)}, idle *${d.idleDays}* days`);
  return fitLines(lines, MAX_SECTION_TEXT, stalled.more);
}

function agendaText(view: TBriefView): string {
  if (view.agenda.length === 0) {
    return view.meeting ? 'Nothing on the agenda yet — either of you can add to it with `/coach agenda …`.' : 'No 1:1, so no agenda yet.';
  }
  const lines = view.agenda.map((item) => `• ${inline(item.text, AGENDA_ITEM_MAX)} — from ${item.fromYou ? 'you' : inline(item.authorName, 60)}`);
  return fitLines(lines, MAX_SECTION_TEXT);
}

function actionItemsText(items: TBriefView['actionItems']): string {
  if (items.length === 0) return 'No action items from the last meeting.';
  const lines = items.map((item) => {
    const icon = item.done ? ':white_check_mark:' : item.overdue ? ':warning:' : ':large_yellow_circle:';
    const owner = item.ownerIsYou ? 'you' : inline(item.ownerName, 60);
    const due = item.dueLabel ? ` · due ${escapeText(item.dueLabel)}${item.overdue ? ' (overdue)' : ''}` : '';
    const carried = item.carriedFrom ? ` · from ${escapeText(item.carriedFrom)}` : '';
    return `${icon} ${inline(item.text, ACTION_ITEM_MAX)} — ${owner}${due} · ${item.done ? 'done' : 'open'}${carried}`;
  });
  return fitLines(lines, MAX_SECTION_TEXT);
}

function logNotesButton(meetingId: number): ActionsBlock {
  const value: TBriefLogNotesValue = { meetingId };
  return {
    type: 'actions',
    elements: [
      { type: 'button', action_id: BRIEF_LOG_NOTES_ACTION, text: { type: 'plain_text', text: 'Log notes', emoji: true }, value: JSON.stringify(value), style: 'primary' },
    ],
  };
}

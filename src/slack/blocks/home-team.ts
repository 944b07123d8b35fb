import type { KnownBlock } from '@slack/types';
import { TIER_ORDER } from '../../domain/coaching/tiers';
import { TIER_HEADINGS } from './tier-headings';
import type { THomeTeamRep, THomeView } from './view-models/home';
import { escapeText, truncate } from './escape';
import { context, divider, section } from './format';
import { chunkLines, homeButton, sparkSpan, who } from './home-format';

/** Opens the setup modal (admins). */
export const HOME_SETUP_ACTION = 'home_setup_open';

const NOT_COMPUTED = '*Not computed yet* — tiers are recomputed every night';

/** A manager's own week, when they log activity themselves. */
export function ownNumbersBlocks(view: THomeView): KnownBlock[] {
  const own = view.ownNumbers;
  if (!own) return [];
  const spark = sparkSpan(own.trendSparkline);
  return [context(`*Your own numbers:* *${own.weekTotal.toLocaleString('en-US')}* this week${spark ? ` ${spark}` : ''} · \`/stats\` for details`)];
}

/** The manager's team grouped by tier, one line per rep: week total and trend, focus stage, next 1:1. */
export function teamByTierBlocks(view: THomeView): KnownBlock[] {
  const reps = view.team?.reps;
  if (!reps) return [];
  if (reps.length === 0) {
    return [divider(), section('*Your team*\nNo reps on your team yet — add them with `/coach team add @rep1 @rep2` and their numbers show up here.')];
  }
  const count = reps.length === 1 ? '1 rep' : `${reps.length} reps`;
  const groups: string[][] = [];
  for (const tier of TIER_ORDER) {
    const members = reps.filter((rep) => rep.tier === tier);
    if (members.length > 0) groups.push([TIER_HEADINGS[tier], ...members.map(repLine)]);
  }
  const pending = reps.filter((rep) => rep.tier === null);
  if (pending.length > 0) groups.push([NOT_COMPUTED, ...pending.map(repLine)]);
  return [
    divider(),
    section(`*Your team* · ${count} · this week and the last 8 weeks`),
    ...groups.flatMap((lines) => chunkLines(lines).map(section)),
    context('`/coach team` for why each rep is in their tier · `/stats @rep` or `/brief @rep` for one rep'),
  ];
}

function repLine(rep: THomeTeamRep): string {
  const spark = sparkSpan(rep.trendSparkline);
  const parts = [`${who(rep)} — *${rep.weekTotal.toLocaleString('en-US')}* this week${spark ? ` ${spark}` : ''}`];
  if (rep.focusStageName) parts.push(`focus: ${truncate(escapeText(rep.focusStageName), 40)}`);
  parts.push(rep.nextOneOnOneText ? `1:1 ${truncate(escapeText(rep.nextOneOnOneText), 40)}` : 'no 1:1 scheduled');
  return parts.join(' · ');
}

/** An admin's read-only view of the workspace-level settings. */
export function workspaceBlocks(view: THomeView): KnownBlock[] {
  const ws = view.workspace;
  if (!ws) return [];
  const open = ws.stages.filter((s) => s.outcome === null).map((s) => truncate(escapeText(s.name), 40));
  const closed = ws.stages.filter((s) => s.outcome !== null).map((s) => truncate(escapeText(s.name), 40));
  const system = [open.join(' → '), closed.join(' | ')].filter(Boolean).join(' → ') || '_none_';
  const details = (ws.details ?? []).map((line) => truncate(escapeText(line), 300));
  return [
    divider(),
    section(`*Workspace settings* (admins)\nTime zone: *${truncate(escapeText(ws.timezone), 60)}*\nSelling system: ${system}`),
    ...(details.length > 0 ? [context(details.join('\n'))] : []),
    { type: 'actions', block_id: 'home_setup', elements: [homeButton(HOME_SETUP_ACTION, 'Edit setup')] },
  ];
}

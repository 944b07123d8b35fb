import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { NOUN } from '../../domain/coaching/expectation-text';
import { targetsInputValue, targetsPhrase, type TActivityTarget } from '../../domain/target-text';
import type { TActivityType } from '../../domain/types';
import { escapeText, truncate } from './escape';
import { context, header, section } from './format';
import { fitFallbackText, fitMessage, fitView } from './limits';

export const TARGETS_AGREE_ACTION = 'targets_agree';
export const TARGETS_ADJUST_ACTION = 'targets_adjust';
export const TARGETS_ADJUST_VIEW = 'targets_adjust';
export const TARGETS_INPUT_BLOCK = 'targets_targets';
export const TARGETS_INPUT = 'targets';
export const TARGETS_NOTE_BLOCK = 'targets_note';
export const TARGETS_NOTE_INPUT = 'note';
export const TARGETS_NOTE_MAX = 500;

/** The value of the Agree / Adjust buttons. */
export const ZTargetsButtonValue = z.object({ targetsId: z.number().int().positive() });
/** The adjust modal's `private_metadata`: the set, and the manager's message to update once agreed. */
export const ZTargetsAdjustMetadata = z.object({
  targetsId: z.number().int().positive(),
  // Empty when Slack sent no container (then there is no message to update).
  channel: z.string().max(40),
  messageTs: z.string().max(40),
});
export type TTargetsAdjustMetadata = z.infer<typeof ZTargetsAdjustMetadata>;

export type TTargetsSet = { targets: TActivityTarget[]; proposedTargets: TActivityTarget[]; agreedByName: string | null };
export type TTargetsOverview = {
  /** What counts now, with the sentence on how each was found. */
  current: { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; text: string; source: 'agreed' | 'engine' }[];
  proposed: TTargetsSet | null;
  /** null before the first nightly update. */
  tier: 'autonomous' | 'guided' | 'focused' | 'ramping' | null;
  managerName: string | null;
  /** Set when someone other than the rep looks (`/coach targets @rep`). */
  ownerName?: string;
};
export type TRendered = { blocks: KnownBlock[]; text: string };

const USAGE = 'Propose your own: `/coach targets 25 calls 10 emails 2 demos` (a week; `2 proposals a month` for rarer ones), up to three.';

/** '25 calls a week', '5 calls a day', '2 proposals a month'. */
export function amountPhrase(t: { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number }): string {
  return `${t.amount} ${NOUN[t.type][t.amount === 1 ? 0 : 1]} a ${t.per}`;
}

/** `/coach targets`: the targets that count now and how each was found, any proposal, and how to propose. */
export function renderTargetsOverview(view: TTargetsOverview): TRendered {
  const whose = view.ownerName === undefined ? 'Your activity targets' : `${truncate(view.ownerName || 'Their', 80)}'s activity targets`;
  const blocks: KnownBlock[] = [header(whose)];
  const lines = view.current.map((t) => `${t.source === 'agreed' ? ':handshake:' : ':bar_chart:'} *${amountPhrase(t)}* — ${escapeText(t.text || 'From the nightly update.')}`);
  if (view.tier === 'autonomous') {
    blocks.push(section(`Canopy sets ${view.ownerName === undefined ? 'you' : 'them'} no weekly activity targets right now — outcome goals only. These are kept for when that changes (and for \`/stats targets\`):`));
  }
  if (lines.length > 0) blocks.push(section(lines.join('\n')));
  else blocks.push(section(view.tier === null ? 'No targets yet — the first come with the nightly update.' : 'No activity targets this week.'));
  if (view.proposed) {
    const who = view.managerName ? `waiting for ${name(view.managerName)} to agree` : 'no manager is set in Canopy, so an admin can agree them';
    blocks.push(section(`:hourglass_flowing_sand: Proposed: *${targetsPhrase(view.proposed.targets)}* — ${who}.`));
  }
  const how = view.ownerName === undefined
    ? `${USAGE} Once your manager agrees, they replace the computed ones for those activities.`
    : "Set their targets with `/coach targets @rep 20 calls` — they're agreed at once and the rep gets a DM.";
  blocks.push(context(`:handshake: agreed with your manager · :bar_chart: computed from your own pace and goal. ${how}`));
  const text = `${plain(whose)}: ${view.current.length > 0 ? view.current.map(amountPhrase).join(', ') : 'none yet'}${view.proposed ? ` · proposed: ${targetsPhrase(view.proposed.targets)}` : ''}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

/** The manager's DM: the rep's proposed targets with Agree and Adjust buttons. */
export function renderTargetsProposal(view: { targetsId: number; repName: string; targets: TActivityTarget[] }): TRendered {
  const value = JSON.stringify({ targetsId: view.targetsId });
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: 'targets_decision',
    elements: [
      { type: 'button', action_id: TARGETS_AGREE_ACTION, text: { type: 'plain_text', text: 'Agree' }, style: 'primary', value },
      { type: 'button', action_id: TARGETS_ADJUST_ACTION, text: { type: 'plain_text', text: 'Adjust' }, value },
    ],
  };
  const blocks: KnownBlock[] = [
    section(`*${name(view.repName)}* proposes their own activity targets: *${targetsPhrase(view.targets)}*.`),
    actions,
    context('Agree to make them their targets, or Adjust them. Agreed targets replace the computed ones for those activities from the next nightly update.'),
  ];
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${plain(view.repName)} proposes activity targets: ${targetsPhrase(view.targets)}`) };
}

/** What the manager's proposal message becomes once agreed or adjusted (no buttons left). */
export function renderTargetsDecided(view: { repName: string; deciderName: string; set: TTargetsSet; note?: string }): TRendered {
  const adjusted = targetsPhrase(view.set.targets) !== targetsPhrase(view.set.proposedTargets);
  const verb = adjusted ? 'Adjusted' : 'Agreed';
  const was = adjusted ? ` (proposed: ${targetsPhrase(view.set.proposedTargets)})` : '';
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: ${verb} by *${name(view.deciderName)}* — ${name(view.repName)}'s targets are *${targetsPhrase(view.set.targets)}*${was}.`),
  ];
  if (view.note) blocks.push(section(`*Your note:*\n${noteText(view.note)}`));
  blocks.push(context(`${name(view.repName)} has been told. They count from the next nightly update.`));
  const text = `${verb} by ${plain(view.deciderName)} — ${plain(view.repName)}'s targets: ${targetsPhrase(view.set.targets)}${was}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

/** The rep's DM when their targets are agreed (as proposed or adjusted) or set by their manager. */
export function renderTargetsNotice(view: { kind: 'agreed' | 'set'; byName: string; set: TTargetsSet; autonomous?: boolean; note?: string }): TRendered {
  const phrase = targetsPhrase(view.set.targets);
  const adjusted = view.kind === 'agreed' && phrase !== targetsPhrase(view.set.proposedTargets);
  const sentence = (by: string, bold: (t: string) => string) => {
    if (view.kind === 'set') return `${bold(by)} set your activity targets: ${bold(phrase)}.`;
    if (!adjusted) return `${bold(by)} agreed your activity targets: ${bold(phrase)}.`;
    return `${bold(by)} adjusted your activity targets to ${bold(phrase)} (you proposed ${targetsPhrase(view.set.proposedTargets)}).`;
  };
  const blocks: KnownBlock[] = [section(sentence(name(view.byName), (t) => `*${t}*`))];
  if (view.note) blocks.push(section(`*Note from ${name(view.byName)}:*\n${noteText(view.note)}`));
  const next = view.kind === 'set' ? 'Think they should be different? Propose yours with `/coach targets 25 calls` and talk it over at your next 1:1. ' : '';
  const when = view.autonomous ? "Canopy sets you no weekly activity targets right now (outcome goals only); these count if that changes." : 'They replace the computed ones for those activities from the next nightly update.';
  blocks.push(context(`${next}${when} See them any time with \`/coach targets\`.`));
  return { blocks: fitMessage(blocks), text: fitFallbackText(sentence(plain(view.byName), (t) => t)) };
}

/** The adjust modal: the targets (prefilled, as typed in `/coach targets`) and an optional note to the rep. */
export function renderAdjustTargetsModal(view: { repName: string; targets: TActivityTarget[]; metadata: TTargetsAdjustMetadata }): ModalView {
  const firstName = truncate((view.repName.trim().split(/\s+/)[0] ?? '') || 'the rep', 40);
  const blocks: KnownBlock[] = [
    section(`*${name(view.repName)}* proposed *${targetsPhrase(view.targets)}*. Change them and add a note if you like — they get both.`),
    {
      type: 'input',
      block_id: TARGETS_INPUT_BLOCK,
      label: { type: 'plain_text', text: 'Weekly targets (up to three)' },
      hint: { type: 'plain_text', text: 'Like 25 calls, 10 emails, 2 proposals a month — whole numbers from 1 to 500.' },
      element: { type: 'plain_text_input', action_id: TARGETS_INPUT, initial_value: targetsInputValue(view.targets), max_length: 160 },
    },
    {
      type: 'input',
      block_id: TARGETS_NOTE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: `Note to ${firstName}` },
      element: { type: 'plain_text_input', action_id: TARGETS_NOTE_INPUT, multiline: true, max_length: TARGETS_NOTE_MAX },
    },
  ];
  return {
    type: 'modal',
    callback_id: TARGETS_ADJUST_VIEW,
    private_metadata: JSON.stringify(view.metadata),
    title: { type: 'plain_text', text: 'Adjust targets' },
    submit: { type: 'plain_text', text: 'Agree' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: fitView(blocks),
  };
}

function name(text: string): string {
  return truncate(escapeText(text || 'Someone'), 80);
}

/** A name for a plain-text fallback: no markup characters at all, so nothing can be read as a mention. */
function plain(text: string): string {
  return truncate((text || 'Someone').replace(/[<>&]/g, ''), 80).replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/** User text as a block quote, escaped. */
function noteText(note: string): string {
  return truncate(escapeText(note.trim()), TARGETS_NOTE_MAX + 200)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

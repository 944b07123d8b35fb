import type { KnownBlock } from '@slack/types';
import type { TFocusView } from './view-models/focus';
import { escapeText, recordingLink, truncate } from './escape';
import { inline } from './brief-sections';
import { reviewLink, triedMark } from './review-text';
import { context, divider, header, section } from './format';
import { fitFallbackText, fitMessage } from './limits';
import { wonDealsPhrase } from '../../domain/coaching/focus-area';

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/** `/coach focus`: the stage where coaching would gain the most, and why, with what to try. */
export function renderFocus(view: TFocusView): { blocks: KnownBlock[]; text: string } {
  const whose = view.isSelf ? 'Your' : `${escapeText(view.repName)}'s`;
  if (!view.focus) {
    const text = !view.computed
      ? `${whose} coaching hasn't been computed yet — it runs every night from the activity and deals logged.`
      : `${whose} conversion is in line with the team at every stage, or there isn't yet enough evidence to say otherwise (it takes at least 5 deals through a stage). No focus area rather than a noisy one.`;
    return { blocks: fitMessage([header(`${whose} focus area`), section(text)]), text: fitFallbackText(text) };
  }
  const { focus } = view;
  const e = focus.evidence;
  const to = focus.toStageName ? ` → ${escapeText(focus.toStageName)}` : '';
  // One number a rep can check (advanced of reached), the same as /stats, Home and the brief; never a shrunk rate beside it.
  const c = view.conversion ?? { advanced: e.advanced, reached: e.reached, rate: e.repRaw, teamRate: e.teamRate, windowDays: null, asOfText: 'as of the nightly recompute' };
  const rate = c.rate === null ? 'no deals yet' : `${pct(c.rate)} (${c.advanced} of ${c.reached} deals)`;
  const team = c.teamRate === null ? '' : ` vs. ${pct(c.teamRate)} for the rest of the team`;
  const span = c.windowDays === null ? '' : `last ${c.windowDays} days, `;
  const blocks: KnownBlock[] = [
    header(`${whose} focus: ${focus.stageName}`),
    section(
      [
        `*Conversion ${escapeText(focus.stageName)}${to}:* ${rate}${team} (${span}${escapeText(c.asOfText)}).`,
        `*Volume behind it:* about ${Math.round(e.volumePerQuarter)} deals reach this stage per quarter.`,
        `*Why it matters:* closing the gap is worth ${wonDealsPhrase(focus.expectedGain)} a quarter.`,
      ].join('\n'),
    ),
    section(`*What to try*\n:bulb: ${escapeText(view.tip ?? '')}`),
    section(`*Questions to think about*\n${view.questions.map((q) => `• ${escapeText(q)}`).join('\n')}`),
  ];
  if (view.exemplars.length > 0) {
    const links = view.exemplars.map((x) => `• ${recordingLink(x.url, truncate(x.title, 150))}`);
    blocks.push(divider(), section(`*Recordings from the team*\n${links.join('\n')}`));
  }
  if (view.reviewedCalls.length > 0) {
    const title = view.isSelf ? 'Your reviewed calls' : `${escapeText(view.repName)}'s reviewed calls`;
    const lines = view.reviewedCalls.map(
      (r) => `• ${reviewLink(r)} — *Went well:* ${inline(r.wentWell, 160)} · *One thing:* ${inline(r.oneThing, 300)} · ${triedMark(r.tried, view.isSelf ? null : view.repName)}`,
    );
    blocks.push(...(view.exemplars.length > 0 ? [] : [divider()]), section(`*${title}* — what went well and one thing to work on\n${lines.join('\n')}`));
  }
  blocks.push(context(`*How is this computed?* ${escapeText(e.text)} Rates are shrunk toward the team's when there are few deals, so a handful of deals never decides a focus.`));
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${whose} focus: ${escapeText(focus.stageName)}`) };
}

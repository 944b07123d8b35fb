import type { KnownBlock } from '@slack/types';
import type { TFunnelRate, TRepFunnelHistory } from './view-models/funnel';
import type { TRepDashboard } from './view-models/home';
import type { TAskableReview, THomeReviews } from './view-models/call-reviews';
import { inline } from './brief-sections';
import { coachingBlocks } from './coaching';
import { escapeText, recordingLink, truncate } from './escape';
import { REVIEW_TEXT_MAX } from '../../domain/call-reviews';
import { activityNoun, context, divider, formatMoney, mrkdwn, section } from './format';
import { MAX_SECTION_TEXT } from './limits';
import { reviewAskBlock } from './review-ask';
import { reviewTriedBlock } from './review-tried';
import { reviewerText, reviewLink, stageSuffix } from './review-text';
import { goalPhrase } from './goals';
import { displayName, fitLines, percent } from './home-format';
import { dealsBlocks, HOME_DEALS_MAX } from './deals';
import { trendText } from './rep-stats';
import { stageActivityLine } from './stage-activity';

/** Team recordings shown for the focus stage; `/coach focus` lists them all. */
export const HOME_EXEMPLARS_MAX = 3;
/** A change of conversion this small (in points) is noise, not a trend worth an arrow. */
const TREND_POINTS = 0.05;

/**
 * A rep's own dashboard: this week against their expectations (outcome goals only when autonomous),
 * the 8-week trend by activity type, their most pressing open deals, their funnel against their own past,
 * focus area and goals.
 */
export function repDashboardBlocks(d: TRepDashboard): KnownBlock[] {
  return [
    divider(),
    section(weekText(d)),
    ...coachingPart(d),
    section(trendText(d.stats)),
    divider(),
    // The trees: each open deal and what was done on it, the most pressing first.
    ...dealsBlocks(d.deals, HOME_DEALS_MAX, 'home'),
    divider(),
    section(funnelText(d)),
    context(
      "Conversion: of the deals that reached a stage and moved on or closed, the share that moved on. Deals still sitting in a stage don't count against it.",
    ),
    divider(),
    ...focusBlocks(d),
    section(goalsText(d)),
  ];
}

function weekText(d: TRepDashboard): string {
  const { stats } = d;
  const heading = `*This week* · ${stats.period.rangeText}`;
  const { won, wonAmountCents, lost } = stats.closedInPeriod;
  const closed = won + lost > 0 ? `\nClosed: ${won > 0 ? ':trophy: ' : ''}*${won}* won${wonAmountCents > 0 ? ` (${formatMoney(wonAmountCents)})` : ''} · *${lost}* lost` : '';
  if (stats.total === 0) return `${heading}\nNothing logged yet this week — press *Log activity*, type \`/log 4 calls\`, or DM me.${closed}`;
  const parts = stats.byType.map((row) => `*${row.count.toLocaleString('en-US')}* ${activityNoun(row.type, row.count)}`);
  const total = stats.byType.length > 1 ? ` — *${stats.total.toLocaleString('en-US')}* in total` : '';
  // The same line, from the same figure, as `/stats`.
  const byStage = stageActivityLine(stats.byStage);
  return `${heading}\n${parts.join(' · ')}${total}${byStage ? `\n${byStage}` : ''}${closed}`;
}

/**
 * Goal progress and targets with pace, exactly as `/stats` shows them (autonomous reps see no targets;
 * ramping reps no tier reason). The focus area has its own section below, with its recordings.
 */
function coachingPart(d: TRepDashboard): KnownBlock[] {
  if (!d.coaching) return [context('Your targets and focus area appear after the nightly update, computed from what you log.')];
  return coachingBlocks({ ...d.coaching, focus: null }, true, false);
}

function funnelText(d: TRepDashboard): string {
  const { funnel, stats } = d;
  const heading = `*Your funnel* — ${funnel.currentLabel} vs. your ${funnel.pastLabel}`;
  const open = new Map(stats.pipeline.map((row) => [row.stage, row]));
  const anything = funnel.steps.some((s) => s.current.reached + s.past.reached > 0) || stats.pipeline.some((row) => row.deals > 0);
  if (!anything) {
    return `${heading}\nNo deals through your funnel yet — log them as they move: \`demo with Acme\`, \`moved Acme to proposal\`, \`won Acme $12k\`.`;
  }
  const lines = funnel.steps.map((step) => {
    const row = open.get(step.from);
    const sitting = row && row.deals > 0 ? ` (${row.deals} open${row.amountCents > 0 ? ` · ${formatMoney(row.amountCents)}` : ''})` : '';
    const name = (text: string) => truncate(escapeText(text), 40);
    return `• *${name(step.fromName)}*${sitting} → ${name(step.toName)}: ${rateText(step.current)} · before ${rateText(step.past, false)}${arrow(step.current, step.past)}`;
  });
  return `${heading}\n${lines.join('\n')}\n${closedLine(funnel)}`;
}

function rateText(rate: TFunnelRate, bold = true): string {
  if (rate.rate === null) return 'no deals yet';
  const value = bold ? `*${percent(rate.rate)}*` : percent(rate.rate);
  return `${value} (${rate.advanced} of ${rate.reached})`;
}

function arrow(current: TFunnelRate, past: TFunnelRate): string {
  if (current.rate === null || past.rate === null) return '';
  if (current.rate - past.rate >= TREND_POINTS) return ' ▲';
  if (past.rate - current.rate >= TREND_POINTS) return ' ▼';
  return '';
}

function closedLine(funnel: TRepFunnelHistory): string {
  return `Closed ${funnel.currentLabel}: *${funnel.current.won}* won · *${funnel.current.lost}* lost (${funnel.pastLabel}: ${funnel.past.won} won · ${funnel.past.lost} lost)`;
}

function focusBlocks(d: TRepDashboard): KnownBlock[] {
  const { focus } = d.focus;
  if (!focus) {
    const why = d.focus.computed
      ? "None right now — your conversion is in line with the team at every stage, or there isn't enough evidence yet to pick one."
      : 'Computed every night from your deals — check back tomorrow.';
    return [section(`*Focus area*\n${why}`)];
  }
  const to = focus.toStageName ? ` (moving deals on to ${escapeText(focus.toStageName)})` : '';
  const lines = [`*Focus: ${escapeText(focus.stageName)}*${to}`];
  if (d.focus.tip) lines.push(`:bulb: ${escapeText(d.focus.tip)}`);
  if (focus.evidence.text) lines.push(`_${escapeText(focus.evidence.text)}_`);
  const blocks: KnownBlock[] = [section(lines.join('\n'))];
  const exemplars = d.focus.exemplars.slice(0, HOME_EXEMPLARS_MAX);
  if (exemplars.length > 0) {
    const links = exemplars.map((x) => `• ${recordingLink(x.url, truncate(x.title, 150))}`);
    blocks.push(section(`*Recordings from the team*\n${links.join('\n')}`));
  }
  blocks.push(context('`/coach focus` for questions to think about and every recording for this stage.'));
  return blocks;
}

function goalsText(d: TRepDashboard): string {
  const { goals, quarterLabel, managerName } = d.goals;
  const heading = `*Goals · ${quarterLabel}*`;
  if (goals.length === 0) return `${heading}\nNo goal yet. Propose one with \`/coach goals 8 deals\` or \`/coach goals $120k\` — your manager agrees it.`;
  const manager = managerName ? displayName(managerName) : 'your manager';
  const lines = goals.map((goal) =>
    goal.status === 'agreed'
      ? `:white_check_mark: ${goalPhrase(goal)} — agreed${goal.agreedByName ? ` with ${displayName(goal.agreedByName)}` : ''}`
      : `:hourglass_flowing_sand: ${goalPhrase(goal)} — proposed, waiting for ${manager}`,
  );
  return `${heading}\n${fitLines(lines, 10)}\n_\`/coach goals\` to propose a change._`;
}

/**
 * The rep's "Call reviews": each of their last reviews as their DM has it — the recording (named by its deal or site
 * and day), who and when, what went well, the one thing and its stage, the exemplar to compare with — and the DM's
 * "I tried it" / Undo block (`reviewTriedBlock`); older "one things" still open, each with the same button; each with
 * "Ask … a question" (`reviewAskBlock`); the reviews they asked for. Never the one thing without what went well.
 * Nothing when there is none of these, but one line on how to ask when they have a manager to ask. At most
 * 1 + 3×3 + 3×2 + 1 + 1 = 18 blocks.
 */
export function reviewsBlocks(reviews: THomeReviews | undefined): KnownBlock[] {
  if (!reviews) return [];
  const { recent, olderOpen, olderOpenMore, requests } = reviews;
  if (recent.length + olderOpen.length + requests.length === 0) {
    return reviews.canAsk ? [divider(), context('*Call reviews* — none yet. For feedback on one of your calls, `/coach review request &lt;link&gt;` asks your manager.')] : [];
  }
  const blocks: KnownBlock[] = [divider()];
  let heading = '*Call reviews*\n';
  recent.forEach((review, i) => {
    blocks.push(section(truncate(`${heading}${reviewText(review, i === 0)}`, MAX_SECTION_TEXT)), reviewTriedBlock(review.id, review.tried), reviewAskBlock(review.id, review.askName));
    heading = '';
  });
  olderOpen.forEach((review, i) => {
    const text = `${i === 0 ? '*Still to try* — from earlier reviews\n' : ''}${oneThingText(review)}`;
    blocks.push({ ...reviewTriedBlock(review.id, false), text: mrkdwn(truncate(text, MAX_SECTION_TEXT)) }, reviewAskBlock(review.id, review.askName));
  });
  if (olderOpenMore > 0) blocks.push(context(`…and ${olderOpenMore} more. Mark the ones above as tried to see the rest.`));
  if (requests.length > 0) {
    const manager = reviews.managerName ? displayName(reviews.managerName) : 'your manager';
    const lines = requests.map((r) => `:hourglass_flowing_sand: You asked ${manager} about ${reviewLink(r)}${r.note ? ` — “${inline(r.note, 120)}”` : ''}`);
    blocks.push(section(`${heading}${fitLines(lines, HOME_REVIEWS_REQUESTS_MAX)}`));
  }
  return blocks;
}

/** Open requests listed on the Home tab (a rep rarely has more than one or two). */
const HOME_REVIEWS_REQUESTS_MAX = 5;
/** The newest review is shown whole; the ones before it, and older one things, clipped to a few lines. */
const CLIPPED_TEXT_MAX = 280;

function reviewText(review: TAskableReview, whole: boolean): string {
  const max = whole ? { wentWell: REVIEW_TEXT_MAX.wentWell, oneThing: REVIEW_TEXT_MAX.oneThing } : { wentWell: CLIPPED_TEXT_MAX, oneThing: CLIPPED_TEXT_MAX };
  const lines = [
    `${reviewLink(review)} · from ${reviewerText(review.reviewerName)}, ${escapeText(review.sharedAgo)}`,
    `*What went well:* ${inline(review.wentWell, max.wentWell)}`,
    `*One thing${stageSuffix(review.oneThingStageName)}:* ${inline(review.oneThing, max.oneThing)}`,
  ];
  if (review.exemplar) lines.push(`*Compare with:* ${recordingLink(review.exemplar.url, truncate(review.exemplar.title, 80))}`);
  return lines.join('\n');
}

function oneThingText(review: TAskableReview): string {
  return [
    `${reviewLink(review)} · from ${reviewerText(review.reviewerName)}, ${escapeText(review.sharedAgo)}`,
    `*Went well:* ${inline(review.wentWell, 160)}`,
    `*One thing${stageSuffix(review.oneThingStageName)}:* ${inline(review.oneThing, CLIPPED_TEXT_MAX)}`,
  ].join('\n');
}

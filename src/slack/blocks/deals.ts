import type { KnownBlock } from '@slack/types';
import { type TDealLogItem, pickDeals } from '../../domain/deal-view';
import type { TDealView, TRepDealsView } from './view-models/deals';
import { escapeText, truncate } from './escape';
import { activityNoun, context, formatMoney, header, section } from './format';
import { chunkLines, fitFallbackText, fitMessage } from './limits';

/** Deals named in `/stats deals`: about two phone screens; the rest are counted. */
export const STATS_DEALS_MAX = 20;
/** Deals named in the Home tab's "Your deals": the most pressing; `/stats deals` has more. */
export const HOME_DEALS_MAX = 6;
const NAME_MAX = 60;
const NOTE_MAX = 80;

/**
 * `/stats [period] deals`: the rep's open deals by stage (stages in order), each with amount, days in the stage,
 * last activity, stalled or dormant as the coaching engine has it, and the last things logged on it. With more
 * deals than fit, the most pressing are shown (stalled first, then the latest stages, larger first) and the rest
 * counted.
 */
export function renderRepDeals(view: TRepDealsView): { blocks: KnownBlock[]; text: string } {
  const whose = view.isSelf ? 'Your' : `${escapeText(view.personName)}'s`;
  const title = `${whose} open deals${view.period ? ` — logged ${view.period.label.toLowerCase()}` : ''}`;
  const blocks: KnownBlock[] = [header(title), ...dealsBlocks(view, STATS_DEALS_MAX), context(footerText(view))];
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${title}: ${summaryWords(view)}`) };
}

/** The body both surfaces share: the summary line, then each stage's deals (at most `budget`), then what was left out. */
export function dealsBlocks(view: TRepDealsView, budget: number, where: 'stats' | 'home' = 'stats'): KnownBlock[] {
  if (view.deals.length === 0) return [section(emptyText(view, where))];
  const { shown, hidden } = pickDeals(view.deals, view.stages, budget);
  const blocks: KnownBlock[] = [section(`${where === 'home' ? '*Your deals* — ' : ''}${summaryText(view)}`)];
  for (const group of byStage(view, shown)) {
    const all = view.deals.filter((deal) => deal.stage === group.key);
    const amount = all.reduce((sum, deal) => sum + (deal.amountCents ?? 0), 0);
    const heading = `*${truncate(escapeText(group.name), 40)}* · ${all.length} ${all.length === 1 ? 'deal' : 'deals'}${amount > 0 ? ` · ${formatMoney(amount)}` : ''}`;
    const lines = [heading, ...group.deals.flatMap(dealLines)];
    // A stage with many deals runs over several sections; a deal's two lines are never split.
    blocks.push(...chunkLines(lines).map(section));
  }
  if (hidden.length > 0) blocks.push(section(moreText(view, hidden, where)));
  return blocks;
}

function summaryWords(view: TRepDealsView): string {
  if (view.deals.length === 0) return 'no open deals';
  const amount = view.deals.reduce((sum, deal) => sum + (deal.amountCents ?? 0), 0);
  const stalled = view.deals.filter((deal) => deal.idle?.kind === 'stalled').length;
  const dormant = view.deals.filter((deal) => deal.idle?.kind === 'dormant').length;
  const logged = view.deals.filter((deal) => deal.recent.length > 0).length;
  return [
    `${view.deals.length} open ${view.deals.length === 1 ? 'deal' : 'deals'}${amount > 0 ? ` · ${formatMoney(amount)}` : ''}`,
    ...(stalled > 0 ? [`${stalled} stalled`] : []),
    ...(dormant > 0 ? [`${dormant} dormant`] : []),
    ...(view.period ? [`${logged} with something logged ${view.period.label.toLowerCase()}`] : []),
  ].join(' · ');
}

function summaryText(view: TRepDealsView): string {
  return summaryWords(view)
    .replace(/^(\d+) open/, '*$1* open')
    .replace(/(\d+) stalled/, ':warning: $1 stalled')
    .replace(/(\d+) dormant/, ':zzz: $1 dormant');
}

function emptyText(view: TRepDealsView, where: 'stats' | 'home'): string {
  const heading = where === 'home' ? '*Your deals*\n' : '';
  if (!view.isSelf) return `${heading}No open deals right now.`;
  return `${heading}No open deals right now. Log them as they move and they show up here: \`demo with Acme\`, \`sent proposal to Globex $24k\`, \`won Acme\`.`;
}

/** The view's stages in order with the deals shown in each; a stage the system no longer has goes last, by its key. */
function byStage(view: TRepDealsView, shown: readonly TDealView[]): { key: string; name: string; deals: TDealView[] }[] {
  const known = new Set(view.stages.map((s) => s.key));
  const keys = [...view.stages.map((s) => s.key), ...[...new Set(shown.map((d) => d.stage))].filter((key) => !known.has(key)).sort()];
  const name = new Map(view.stages.map((s) => [s.key, s.name]));
  // Within a stage: stalled first, then larger, dormant last — the order a rep would work them.
  const rank = (deal: TDealView) => (deal.idle?.kind === 'stalled' ? 0 : deal.idle?.kind === 'dormant' ? 2 : 1);
  return keys.flatMap((key) => {
    const deals = shown.filter((deal) => deal.stage === key).sort((a, b) => rank(a) - rank(b) || (b.amountCents ?? 0) - (a.amountCents ?? 0) || a.id - b.id);
    return deals.length > 0 ? [{ key, name: name.get(key) ?? key, deals }] : [];
  });
}

function dealLines(deal: TDealView): string[] {
  const parts = [`*${truncate(escapeText(flat(deal.name)), NAME_MAX)}*`];
  if (deal.amountCents !== null && deal.amountCents > 0) parts.push(formatMoney(deal.amountCents));
  if (deal.daysInStage === null) parts.push('time in stage not known (imported without stage dates)');
  else parts.push(deal.daysInStage === 0 ? 'entered the stage today' : `${deal.daysInStage} ${deal.daysInStage === 1 ? 'day' : 'days'} in stage`);
  parts.push(deal.lastActivityText ? `last activity ${deal.lastActivityText}` : 'no activity yet');
  if (deal.idle?.kind === 'stalled') parts.push(`:warning: stalled`);
  if (deal.idle?.kind === 'dormant') parts.push(`:zzz: dormant ${deal.idle.idleDays} days — close it or revive it?`);
  const story = deal.recent.map(itemText).join(' · ');
  if (story) return [`• ${parts.join(' · ')}`, `      _${story}_`];
  // Nothing in the period asked (the summary counts those with something), or a last activity that came with
  // the deal (a CRM import): no story line, rather than one contradicting the last activity.
  return [`• ${parts.join(' · ')}`];
}

/** 'Tue: demo', 'Mon: 2 calls, 1 email', '1 Dec: close date pushed to Q1'. */
function itemText(item: TDealLogItem): string {
  if (item.what.kind === 'note') return `${item.day}: ${truncate(escapeText(flat(item.what.text)), NOTE_MAX).replace(/_/g, ' ')}`;
  const { counts } = item.what;
  const only = counts.length === 1 && counts[0]!.count === 1;
  const text = counts.map(({ type, count }) => (only ? activityNoun(type, 1) : `${count.toLocaleString('en-US')} ${activityNoun(type, count)}`)).join(', ');
  return `${item.day}: ${text}`;
}

function moreText(view: TRepDealsView, hidden: readonly TDealView[], where: 'stats' | 'home'): string {
  const name = new Map(view.stages.map((s) => [s.key, s.name]));
  const dormant = hidden.filter((deal) => deal.idle?.kind === 'dormant').length;
  const perStage = new Map<string, number>();
  for (const deal of hidden) if (deal.idle?.kind !== 'dormant') perStage.set(deal.stage, (perStage.get(deal.stage) ?? 0) + 1);
  const parts = [...perStage.entries()]
    .sort(([a], [b]) => (view.stages.find((s) => s.key === a)?.position ?? Infinity) - (view.stages.find((s) => s.key === b)?.position ?? Infinity))
    .map(([stage, n]) => `${n} in ${truncate(escapeText(name.get(stage) ?? stage), 40)}`);
  if (dormant > 0) parts.push(`${dormant} dormant`);
  const next = where === 'home' ? `${view.deals.length > STATS_DEALS_MAX ? 'the next ones' : 'all of them'} with \`/stats deals\`` : 'stalled and later-stage deals come first';
  return `…and *${hidden.length}* more (${parts.join(', ')}) — ${next}.`;
}

function footerText(view: TRepDealsView): string {
  const logged = view.period ? `What was logged: ${escapeText(view.period.label.toLowerCase())} (${escapeText(view.period.rangeText)}). ` : '';
  const how = `Stalled: no activity in its stage for longer than usual for that stage. Dormant: idle over ${view.dormantDays} days.`;
  const hints = view.isSelf ? ' · `/stats last month deals` · `/log demo with Acme`' : '';
  return `${logged}${how}${hints}`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

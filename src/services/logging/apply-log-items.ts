import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { insertActivities, listLatestEntryRowsOfType, setActivityCount } from '../../../db/repositories/activities';
import { insertDealNote } from '../../../db/repositories/deal-notes';
import { insertDealQuestion, setDealQuestionActivities } from '../../../db/repositories/deal-questions';
import {
  addStageHistory,
  createDeal,
  getDeal,
  getDealAmount,
  listRepDealCandidates,
  setDealAmount,
  stageOfDealAt,
  type TDealRecord,
  touchDealActivity,
} from '../../../db/repositories/deals';
import type { TLogEntryRecord } from '../../../db/repositories/log-entries';
import type { TActivityStageMap } from '../../domain/activity-stage-map';
import {
  resolveOccurredAt,
  type TActivityItem,
  type TCorrectionItem,
  type TGrammarItem,
  type TNoteItem,
  type TOutcomeItem,
  type TStageMoveItem,
} from '../../domain/activity-grammar';
import { dealNameKey, indexDeals, matchDeal, similarDeals, type TDealCandidate, type TDealIndex } from '../../domain/deal-matching';
import { impliedStage } from '../../domain/deal-stages';
import type { TStage } from '../../domain/types';
import { activityNoun, formatMoney, pluralizeActivity } from '../../slack/blocks/format';
import type { TDealQuestionView, TLogConfirmationView } from '../../slack/blocks/view-models/logging';

/** The workspace's selling system as logging needs it (read once per message). */
export type TSellingSystem = { stages: readonly TStage[]; activityStages: TActivityStageMap };

/** Who logged what, where: the parts of a log request that applying its items needs. */
export type TApplyTarget = {
  workspaceId: string;
  personId: number;
  writtenAt: DateTime;
  /** A deal picked in the Log modal: activities that name no deal go on it. */
  dealId?: number;
  /** That deal, when the caller has read it already. */
  pickedDeal?: TDealRecord;
  /** A stage picked in the Log modal: activities without a deal feed it. */
  stage?: string;
};

/** How far back "oops, that was 3 calls not 4" looks for the entry it corrects. */
const CORRECTION_WINDOW_DAYS = 7;

type TApplyState = {
  db: TDb;
  target: TApplyTarget;
  logEntryId: number;
  system: TSellingSystem;
  index: TDealIndex;
  view: TLogConfirmationView;
  /** Deals whose history changed, to refresh their summary once. */
  touched: Set<number>;
  amountChanges: TLogEntryRecord['amountChanges'];
  countChanges: TLogEntryRecord['countChanges'];
  /** Deals created by this message, by name key, so a name said twice makes one deal. */
  created: Map<string, TDealRecord>;
  /** Open "which deal" questions of this message by name key: later activity with that name joins them. */
  asked: Map<string, { id: number; activityIds: number[]; view: TDealQuestionView }>;
  /** The deal picked in the Log modal, if it is the rep's: items the grammar gave its name take it as is. */
  picked: TDealRecord | undefined;
};

/** What applying a message's items did: the confirmation, and what to undo if the message changes. */
export type TApplied = {
  view: TLogConfirmationView;
  touched: number[];
  amountChanges: TLogEntryRecord['amountChanges'];
  countChanges: TLogEntryRecord['countChanges'];
};

/**
 * Writes what a message's items describe (SPEC §2): activities on the rep's own deals (matched forgivingly;
 * an ambiguous name is asked about; a new deal only when the text clearly names one), each on a stage
 * (the deal's then, else the type's), stage moves, outcomes, deal notes and corrections of the previous entry.
 */
export async function applyLogItems(
  db: TDb,
  target: TApplyTarget,
  logEntryId: number,
  items: readonly TGrammarItem[],
  system: TSellingSystem,
): Promise<TApplied> {
  const state: TApplyState = {
    db,
    target,
    logEntryId,
    system,
    index: indexDeals(await listRepDealCandidates(db, target.personId)),
    view: { activities: [], dealUpdates: [], unknown: [], problems: [], edited: false },
    touched: new Set(),
    amountChanges: [],
    countChanges: [],
    created: new Map(),
    asked: new Map(),
    picked: undefined,
  };
  if (target.dealId !== undefined) {
    const picked = target.pickedDeal ?? (await getDeal(db, target.dealId));
    if (picked && picked.repId === target.personId) state.picked = picked;
  }
  const days = new Set<number>();
  const spreads = new Map<string, TSpread>();
  for (const item of items) {
    const occurred = 'when' in item ? resolveOccurredAt(item.when, target.writtenAt) : target.writtenAt;
    switch (item.kind) {
      case 'activity': {
        const logged = await applyActivity(state, item, occurred);
        days.add(occurred.startOf('day').toMillis());
        if (item.spread) {
          mergeSpread(state.view, spreads, item, logged, occurred);
          break;
        }
        logged.day = dayLabel(occurred, target.writtenAt) ?? 'today';
        addLine(state.view, logged);
        break;
      }
      case 'stage':
      case 'outcome':
        await applyDealChange(state, item, occurred);
        break;
      case 'note':
        await applyNote(state, item, occurred);
        break;
      case 'correction':
        await applyCorrection(state, item);
        break;
      case 'nothing':
        state.view.nothing = item.reason;
        break;
    }
  }
  // One day for the whole message goes in the headline; several days are said per item.
  if (days.size <= 1) {
    const first = items.find((i) => i.kind === 'activity' || i.kind === 'stage' || i.kind === 'outcome');
    const label = first && 'when' in first ? dayLabel(resolveOccurredAt(first.when, target.writtenAt), target.writtenAt) : undefined;
    if (label) state.view.whenLabel = label;
    for (const a of state.view.activities) delete a.day;
  }
  return {
    view: state.view,
    touched: [...state.touched],
    amountChanges: state.amountChanges,
    countChanges: state.countChanges,
  };
}

/** Adds an activity line, or adds its count to the same line said earlier (700 × "3 calls" reads "2,100 calls"). */
function addLine(view: TLogConfirmationView, line: TLogConfirmationView['activities'][number]): void {
  const same = line.questionId === undefined && line.dealClosed === undefined
    ? view.activities.find((a) => a.type === line.type && a.deal === line.deal && a.day === line.day && a.questionId === undefined && a.spread === undefined && a.dealClosed === undefined)
    : undefined;
  if (same) same.count += line.count;
  else view.activities.push(line);
}

/** How a deal name in a log line resolves against the rep's deals. */
type TDealResolution =
  | { kind: 'deal'; deal: TDealRecord; closed?: 'won' | 'lost' }
  | { kind: 'ask'; question: 'which' | 'create'; candidates: TDealCandidate[]; offerNew?: boolean; near?: boolean }
  | { kind: 'unmatched' };

/**
 * The deal a name means. Several of the rep's deals fit: ask which. None fits but some come close (a typo,
 * "Cyberdyne Systems" for "Cyberdyne 316"): ask which, offering a new deal too. None at all: a new deal when
 * the text clearly names one and `createIfNew`; otherwise ask before creating it (a won, a lost, a move,
 * or a name that may be a person), or leave it unmatched (`askIfNew` false).
 */
async function resolveDeal(
  state: TApplyState,
  name: string,
  how: { clearly: boolean; createIfNew: boolean; askIfNew: boolean },
  at: Date,
): Promise<TDealResolution> {
  const made = state.created.get(dealNameKey(name));
  if (made) return { kind: 'deal', deal: made };
  const picked = state.picked;
  if (picked && picked.name === name) return picked.outcome === 'open' ? { kind: 'deal', deal: picked } : { kind: 'deal', deal: picked, closed: picked.outcome };
  const match = matchDeal(state.index, name);
  if (match.kind === 'one' || match.kind === 'closed') {
    const deal = await getDeal(state.db, match.deal.id);
    if (deal) return deal.outcome === 'open' ? { kind: 'deal', deal } : { kind: 'deal', deal, closed: deal.outcome };
  }
  if (match.kind === 'several') return { kind: 'ask', question: 'which', candidates: match.deals, offerNew: how.clearly };
  const close = similarDeals(state.index, name);
  if (close.length > 0) return { kind: 'ask', question: 'which', candidates: close, offerNew: true, near: true };
  if (how.clearly && how.createIfNew) return { kind: 'deal', deal: await newDeal(state, name, at) };
  return how.askIfNew ? { kind: 'ask', question: 'create', candidates: [] } : { kind: 'unmatched' };
}

function firstOpenStage(system: TSellingSystem): string {
  return system.stages.find((s) => !s.outcome)?.key ?? 'prospecting';
}

async function newDeal(state: TApplyState, name: string, at: Date): Promise<TDealRecord> {
  const { target, logEntryId } = state;
  const deal = await createLoggedDeal(state.db, { workspaceId: target.workspaceId, repId: target.personId, logEntryId, name, at }, state.system);
  state.created.set(dealNameKey(deal.name), deal);
  (state.view.newDeals ??= []).push({ dealId: deal.id, logEntryId, name: deal.name });
  return deal;
}

/**
 * A deal a log line names for the first time, in the first open stage from `at`. The log entry id in its
 * external id is what lets Undo prove the deal was made by that message.
 */
export async function createLoggedDeal(
  db: TDb,
  input: { workspaceId: string; repId: number; logEntryId: number; name: string; at: Date },
  system: TSellingSystem,
): Promise<TDealRecord> {
  const name = input.name.trim();
  const stage = firstOpenStage(system);
  const deal = await createDeal(db, {
    workspaceId: input.workspaceId,
    repId: input.repId,
    externalId: `slack:${input.logEntryId}:${name.toLowerCase()}`,
    name,
    stage,
    createdAt: input.at,
  });
  await addStageHistory(db, { dealId: deal.id, stage, enteredAt: input.at, logEntryId: input.logEntryId });
  return deal;
}

/** The confirmation a log entry last showed (stored so an answer or an Undo can re-render it). */
export function storedConfirmation(entry: TLogEntryRecord): TLogConfirmationView {
  return (entry.confirmation ?? { activities: [], dealUpdates: [], unknown: [], problems: [], edited: false }) as TLogConfirmationView;
}

/** The stage an activity feeds: the one the rep named, else its deal's open stage then, else the type's. */
export async function activityStage(
  db: TDb,
  system: TSellingSystem,
  type: TActivityItem['type'],
  deal: Pick<TDealRecord, 'id' | 'stage'> | undefined,
  at: Date,
  chosen: string | undefined,
): Promise<string | null> {
  if (chosen) return chosen;
  if (deal) {
    const then = await stageOfDealAt(db, deal, at);
    // After a deal closed, its activity (an onboarding call) feeds the type's stage, not "Won".
    if (!system.stages.find((s) => s.key === then)?.outcome) return then;
  }
  return system.activityStages[type];
}

async function applyActivity(state: TApplyState, item: TActivityItem, occurred: DateTime): Promise<TLogConfirmationView['activities'][number]> {
  const { db, target, system, view } = state;
  const at = occurred.toJSDate();
  let deal: TDealRecord | undefined;
  let closed: 'won' | 'lost' | undefined;
  let ask: { question: 'which' | 'create'; candidates: TDealCandidate[]; offerNew?: boolean; near?: boolean } | undefined;
  if (item.deal) {
    const resolved = await resolveDeal(state, item.deal, { clearly: item.dealNaming !== 'loosely', createIfNew: true, askIfNew: true }, at);
    if (resolved.kind === 'deal') {
      deal = resolved.deal;
      closed = resolved.closed;
    } else if (resolved.kind === 'ask') ask = resolved;
    else (view.unmatchedDeals ??= []).push(item.deal);
  } else if (state.picked) {
    deal = state.picked;
    if (deal.outcome !== 'open') closed = deal.outcome;
  }
  // On a deal, the activity feeds the deal's stage; the stage word of "discovery call" only moves the deal on.
  const chosenStage = deal ? undefined : (item.stage ?? target.stage);
  if (deal && !closed) {
    // A demo on a deal still in discovery moves it to Demo, and is itself filed there: it is what Demo is.
    // A closed deal is never reopened by activity.
    const current = await stageOfDealAt(db, deal, at);
    const advanceTo = laterStage(system.stages, current, item.stage) ?? impliedStage(item.type, current, system.stages);
    if (advanceTo) {
      await addStageHistory(db, { dealId: deal.id, stage: advanceTo, enteredAt: at, logEntryId: state.logEntryId });
      state.touched.add(deal.id);
      view.dealUpdates.push({ deal: deal.name, stage: stageName(system, advanceTo) });
    }
  }
  const [id] = await insertActivities(db, [
    {
      workspaceId: target.workspaceId,
      repId: target.personId,
      type: item.type,
      count: item.count,
      occurredAt: at,
      dealId: deal?.id ?? null,
      stage: await activityStage(db, system, item.type, deal, at, chosenStage),
      logEntryId: state.logEntryId,
    },
  ]);
  const logged: TLogConfirmationView['activities'][number] = { type: item.type, count: item.count };
  if (deal) {
    logged.deal = deal.name;
    if (closed) logged.dealClosed = closed;
    await touchDealActivity(db, deal.id, at);
    if (item.amountCents !== undefined) {
      const before = await setAmount(state, deal.id, item.amountCents);
      if (before !== item.amountCents) view.dealUpdates.push({ deal: deal.name, amountCents: item.amountCents, ...(before !== null ? { amountWasCents: before } : {}) });
    }
  } else if (ask && item.deal && id !== undefined) {
    const amount = item.amountCents !== undefined ? ` (${formatMoney(item.amountCents)})` : '';
    logged.questionId = await askAbout(state, ask, item.deal, `${pluralizeActivity(item.type, item.count)}${amount}`, [id], {
      ...(item.amountCents !== undefined ? { amountCents: item.amountCents } : {}),
    });
  }
  return logged;
}

async function askAbout(
  state: TApplyState,
  ask: { question: 'which' | 'create'; candidates: TDealCandidate[]; offerNew?: boolean; near?: boolean },
  name: string,
  what: string,
  activityIds: number[],
  item: Record<string, unknown>,
): Promise<number> {
  const key = `${ask.question}:${dealNameKey(name)}`;
  const open = activityIds.length > 0 ? state.asked.get(key) : undefined;
  if (open) {
    // "2 calls with Acme, demo with Acme": one question for both.
    open.activityIds.push(...activityIds);
    open.view.what = `${open.view.what}, ${what}`;
    await setDealQuestionActivities(state.db, open.id, open.activityIds);
    return open.id;
  }
  const candidates = ask.candidates.map((c) => ({ dealId: c.id, name: c.name }));
  const row = await insertDealQuestion(state.db, {
    workspaceId: state.target.workspaceId,
    personId: state.target.personId,
    logEntryId: state.logEntryId,
    kind: ask.question,
    name,
    candidates,
    activityIds,
    item,
  });
  const stageNames = new Map(state.system.stages.map((s) => [s.key, s.name]));
  const view: TDealQuestionView = {
    id: row.id,
    kind: ask.question,
    name,
    what,
    candidates: await Promise.all(
      candidates.map(async (c) => {
        const deal = await getDeal(state.db, c.dealId);
        const stageName = deal ? stageNames.get(deal.stage) : undefined;
        return { ...c, ...(stageName ? { stage: stageName } : {}), ...(deal?.amountCents != null ? { amountCents: deal.amountCents } : {}) };
      }),
    ),
    ...(ask.offerNew ? { offerNew: true } : {}),
    ...(ask.near ? { near: true } : {}),
  };
  (state.view.questions ??= []).push(view);
  if (activityIds.length > 0) state.asked.set(key, { id: row.id, activityIds: [...activityIds], view });
  return row.id;
}

/** Sets a deal's amount, remembering it for undo; returns what it was. */
async function setAmount(state: TApplyState, dealId: number, after: number): Promise<number | null> {
  const before = await getDealAmount(state.db, dealId);
  state.amountChanges.push({ dealId, before, after });
  await setDealAmount(state.db, dealId, after);
  return before;
}

/** `named` when the rep named an open stage later than the deal's (`disco call` on a deal in Prospecting). */
function laterStage(stages: readonly TStage[], current: string, named: string | undefined): string | undefined {
  if (named === undefined) return undefined;
  const to = stages.find((s) => s.key === named);
  const from = stages.find((s) => s.key === current);
  if (!to || !from || to.outcome || from.outcome) return undefined;
  return to.position > from.position ? to.key : undefined;
}

async function applyDealChange(state: TApplyState, item: TStageMoveItem | TOutcomeItem, occurred: DateTime): Promise<void> {
  const { db, system, view } = state;
  const at = occurred.toJSDate();
  const stageKey =
    item.kind === 'stage' ? item.stage : (system.stages.find((s) => s.outcome === item.outcome)?.key ?? item.outcome);
  // A won, lost or move on a deal we don't know is asked about first: a typo must not count toward quota
  // or fill the late stages of the pipeline.
  const resolved = await resolveDeal(state, item.deal, { clearly: true, createIfNew: false, askIfNew: true }, at);
  if (resolved.kind !== 'deal') {
    const amountCents = item.kind === 'outcome' ? item.amountCents : undefined;
    const amount = item.kind === 'outcome' && item.amountCents !== undefined ? ` (${formatMoney(item.amountCents)})` : '';
    const what = item.kind === 'outcome' ? `the ${item.outcome === 'won' ? 'win' : 'loss'}${amount}` : `the move to ${stageName(system, stageKey)}`;
    if (resolved.kind === 'ask') {
      await askAbout(state, resolved, item.deal, what, [], {
        kind: item.kind,
        stage: stageKey,
        at: at.getTime(),
        ...(amountCents !== undefined ? { amountCents } : {}),
      });
    }
    return;
  }
  const { deal } = resolved;
  if (item.kind === 'outcome' && deal.outcome === item.outcome) {
    view.dealUpdates.push({ deal: deal.name, outcome: item.outcome, already: true, ...(item.amountCents !== undefined ? { amountCents: item.amountCents } : {}) });
    if (item.amountCents !== undefined) await setAmount(state, deal.id, item.amountCents);
    return;
  }
  await addStageHistory(db, { dealId: deal.id, stage: stageKey, enteredAt: at, logEntryId: state.logEntryId });
  state.touched.add(deal.id);
  if (item.kind === 'outcome' && item.amountCents !== undefined) await setAmount(state, deal.id, item.amountCents);
  view.dealUpdates.push({
    deal: deal.name,
    ...(item.kind === 'stage' ? { stage: stageName(system, stageKey) } : { outcome: item.outcome }),
    ...(item.kind === 'outcome' && item.amountCents !== undefined ? { amountCents: item.amountCents } : {}),
    // Said plainly: a log line reopened a closed deal.
    ...(resolved.closed ? { reopened: true } : {}),
  });
}

function stageName(system: TSellingSystem, key: string): string {
  return system.stages.find((s) => s.key === key)?.name ?? key;
}

async function applyNote(state: TApplyState, item: TNoteItem, occurred: DateTime): Promise<void> {
  const { db, target, view } = state;
  if (!item.deal) {
    (view.notes ??= []).push({ text: item.text });
    return;
  }
  const at = occurred.toJSDate();
  const resolved = await resolveDeal(state, item.deal, { clearly: true, createIfNew: false, askIfNew: false }, at);
  if (resolved.kind === 'deal') {
    await insertDealNote(db, { workspaceId: target.workspaceId, repId: target.personId, dealId: resolved.deal.id, logEntryId: state.logEntryId, text: item.text, occurredAt: at });
    (view.notes ??= []).push({ deal: resolved.deal.name, text: item.text });
    return;
  }
  if (resolved.kind === 'ask') {
    (await askAbout(state, { ...resolved, offerNew: false }, item.deal, `the note “${item.text}”`, [], { kind: 'note', text: item.text, at: at.getTime() }));
    return;
  }
  // A note on a deal we don't know stays in the message's text; say so rather than invent the deal.
  (view.unmatchedDeals ??= []).push(item.deal);
}

async function applyCorrection(state: TApplyState, item: TCorrectionItem): Promise<void> {
  const { db, target, view } = state;
  const since = target.writtenAt.minus({ days: CORRECTION_WINDOW_DAYS }).toJSDate();
  const rows = await listLatestEntryRowsOfType(db, target.personId, item.type, state.logEntryId, since);
  const plural = activityNoun(item.type, 2);
  const fail = (message: string): void => {
    view.problems.push({ source: item.source, message });
  };
  if (rows.length === 0) return fail(`I couldn't find ${plural} in your entries of the last ${CORRECTION_WINDOW_DAYS} days to correct; nothing changed`);
  const row = item.was !== undefined ? rows.find((r) => r.count === item.was) : rows.length === 1 ? rows[0] : undefined;
  if (!row) {
    const had = rows.map((r) => r.count).join(', ');
    return fail(
      item.was !== undefined
        ? `your last entry with ${plural} has ${had}, not ${item.was}; nothing changed — edit that message instead`
        : `your last entry with ${plural} has several (${had}); say which, like "that was ${item.count} ${plural} not ${rows.find((r) => r.count !== item.count)?.count ?? rows[0]?.count}"`,
    );
  }
  if (row.count === item.count) return fail(`your last entry already says ${item.count}; nothing changed`);
  if (!(await setActivityCount(db, row.id, row.count, item.count))) return fail('that entry changed while I was correcting it; nothing changed');
  state.countChanges.push({ activityId: row.id, before: row.count, after: item.count });
  const day = dayLabel(DateTime.fromJSDate(row.occurredAt, { zone: target.writtenAt.zone }), target.writtenAt);
  (view.corrections ??= []).push({ type: item.type, before: row.count, after: item.count, ...(day ? { day } : {}) });
}

/** A day range's items as one line of the confirmation: "30 calls, spread over Mon 30 Nov – Wed 2 Dec, 10 a day". */
type TSpread = { line: TLogConfirmationView['activities'][number]; from: string; shares: number[] };

function mergeSpread(
  view: TLogConfirmationView,
  spreads: Map<string, TSpread>,
  item: TActivityItem,
  logged: TLogConfirmationView['activities'][number],
  occurred: DateTime,
): void {
  const key = `${item.source}|${item.type}|${item.deal ?? ''}`;
  const label = occurred.toFormat('ccc d LLL', { locale: 'en-US' });
  let spread = spreads.get(key);
  if (!spread) {
    spread = { line: { ...logged, count: 0 }, from: label, shares: [] };
    spreads.set(key, spread);
    view.activities.push(spread.line);
  }
  spread.line.count += logged.count;
  spread.shares.push(logged.count);
  const { shares } = spread;
  const even = shares.every((share) => share === shares[0]);
  spread.line.spread = shares.length === 1 ? `on ${label}` : `spread over ${spread.from} – ${label}, ${even ? `${shares[0]} a day` : shares.join(' + ')}`;
}

/** "yesterday (Mon 23 Nov)" or "Fri 20 Nov" when logged for an earlier day; undefined for today. */
export function dayLabel(occurred: DateTime, writtenAt: DateTime): string | undefined {
  if (occurred.hasSame(writtenAt, 'day')) return undefined;
  const date = occurred.toFormat('ccc d LLL', { locale: 'en-US' });
  return occurred.hasSame(writtenAt.minus({ days: 1 }), 'day') ? `yesterday (${date})` : date;
}

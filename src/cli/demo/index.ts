import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { buildRepDigest } from '../../services/digests/build-digest';
import { getBriefOnDemand } from '../../services/briefs/get-brief-on-demand';
import { getFocus } from '../../services/coaching/get-focus';
import { seedDemoOneOnOne } from '../../services/demo/seed-demo-one-on-one';
import { seedDemoReviews } from '../../services/demo/seed-demo-reviews';
import { getHome } from '../../services/home/get-home';
import { findPerson } from '../../services/people/find-person';
import { getRepStats } from '../../services/stats/get-rep-stats';
import { recomputeWorkspace } from '../../services/coaching/recompute-workspace';
import { logActivity } from '../../services/logging/log-activity';
import { getTeamView } from '../../services/teams/get-team-view';
import { renderBrief } from '../../slack/blocks/brief';
import { renderRepDigest } from '../../slack/blocks/digest';
import { renderFocus } from '../../slack/blocks/focus';
import { renderHome } from '../../slack/blocks/home';
import { blocksToPlainText } from '../../slack/blocks/plain-text';
import { renderLogConfirmation } from '../../slack/blocks/log-confirmation';
import { getRepDeals } from '../../services/stats/get-rep-deals';
import { explainBrief } from '../../services/briefs/explain-brief';
import { renderBriefDetailModal } from '../../slack/blocks/brief-detail';
import { renderRepStats } from '../../slack/blocks/rep-stats';
import { renderTeam } from '../../slack/blocks/team';
import { createSyntheticTeam } from './synthetic-team';
import { digestSlot, readPreferences } from '../../domain/preferences';

const WORKSPACE = 'T0DEMO';

export type TDemoArgs = { dbPath: string; now: DateTime };

/** `demo [--db <file>] [--now <ISO-8601>]`, parsed, or the message explaining what is wrong. */
export function parseDemoArgs(args: string[]): TDemoArgs | string {
  const dbPath = valueOf(args, '--db') ?? './data/demo.db';
  const given = valueOf(args, '--now');
  const now = given ? DateTime.fromISO(given, { zone: 'utc' }) : lastWorkingMoment(DateTime.utc());
  if (!now.isValid) return '--now must be an ISO-8601 instant, e.g. 2026-11-24T15:00:00Z';
  return { dbPath, now };
}

/** The demo team's zone (its first manager's): where "working hours" and "last night" are read. */
const DEMO_ZONE = 'America/New_York';

/**
 * Without `--now` the demo is shown as of the latest working moment in the team's zone (Monday–Friday,
 * 09:00–17:00): run at 3 am or on a Sunday, it shows the last working afternoon rather than reps logging
 * calls in the night.
 */
function lastWorkingMoment(utcNow: DateTime): DateTime {
  let local = utcNow.setZone(DEMO_ZONE);
  for (let i = 0; i < 8; i++) {
    const start = local.startOf('day').plus({ hours: 9 });
    const end = local.startOf('day').plus({ hours: 17 });
    if (local.weekday <= 5 && local >= start.plus({ minutes: 30 })) return (local > end ? end : local).toUTC();
    local = local.minus({ days: 1 }).endOf('day');
  }
  return utcNow;
}

/**
 * `npm run demo`: no Slack, no Redis — a synthetic team in SQLite, and what its people would see. `db` is a
 * fresh database at `dbPath` (the CLI entry deletes the previous demo's first).
 */
export async function demoCommand(db: TDb, { dbPath, now }: TDemoArgs): Promise<number> {
  const started = Date.now();
  const team = await createSyntheticTeam(db, { workspaceId: WORKSPACE, managers: 2, repsPerManager: 5, now });
  section(`Canopy demo as of ${now.setZone(DEMO_ZONE).toFormat('cccc d LLL yyyy, HH:mm ZZZZ')} — ${team.reps.length} reps, 2 managers, ${team.activityRows.toLocaleString('en-US')} activity rows, ${team.deals} deals (${Date.now() - started} ms) → ${dbPath}`);
  for (const rep of team.reps) console.log(`  ${rep.name.padEnd(16)} ${rep.archetype.padEnd(14)} ${rep.tz}`);

  const managerZone = team.reps[0]!.tz;
  // The job runs at night (02:00 in the team's zone): the last three runs before `now`, never at `now` itself,
  // so "as of last night's recompute" on the screens below is true.
  const lastNight = now.setZone(managerZone).startOf('day').plus({ hours: 2 });
  const lastRun = lastNight > now ? lastNight.minus({ days: 1 }) : lastNight;
  // Nine nights reach back past the end of the week the digest below is about, whatever day `now` is, so the
  // digest counts against the targets that were in force then (the last three are printed).
  const NIGHTS = 9;
  section(`The nightly recompute job (tiers, expectations, focus areas) — the last ${NIGHTS} nights at 02:00, in-process`);
  for (let nightsAgo = NIGHTS - 1; nightsAgo >= 0; nightsAgo--) {
    const at = lastRun.minus({ days: nightsAgo });
    const summary = await recomputeWorkspace(db, { workspaceId: WORKSPACE, now: at.toJSDate() });
    if (nightsAgo === NIGHTS - 1) console.log(`  … ${NIGHTS - 3} earlier nights from ${at.toFormat('ccc d LLL')}, the same way`);
    if (nightsAgo > 2) continue;
    const tiers = Object.entries(summary.tiers).map(([tier, n]) => `${n} ${tier}`).join(', ');
    console.log(`  ${at.toFormat('ccc d LLL HH:mm ZZZZ')}: ${summary.reps} reps in ${summary.teams} teams — ${tiers}; ${summary.tierChanges} tier changes, ${summary.focusChanges} focus changes`);
  }

  const repInfo = team.reps[2]!;
  const rep = (await findPerson(db, WORKSPACE, repInfo.slackUserId))!;
  const manager = (await findPerson(db, WORKSPACE, team.managerSlackIds[0]!))!;

  // After the recompute, so the review's one thing is on the rep's focus stage.
  await seedDemoReviews(db, manager, rep, now);
  section(`${manager.name} reviewed two of ${rep.name}'s calls (/coach review); ${rep.name} asked for feedback on another (/coach review request)`);
  console.log(`  Shown below in ${rep.name}'s /coach focus and Home tab, and in ${manager.name}'s brief.`);

  // The rep's day in their own words, naming their deals the way reps do: the first word of a deal's name
  // ("demo with Soylent" for "Soylent 674"), once where it fits one deal and once where it fits two.
  const messages = demoMessages((await getRepDeals(db, rep, now.toJSDate(), { viewerIsRep: true })).deals.map((d) => d.name));
  for (const [i, text] of messages.entries()) {
    section(`${rep.name} DMs the bot: "${text}"`);
    const logged = await logActivity(db, {
      workspaceId: WORKSPACE,
      personId: rep.id,
      source: 'dm',
      sourceRef: `demo:message-${i + 1}`,
      text,
      writtenAt: now.setZone(rep.tz).minus({ minutes: (messages.length - i) * 7 }),
      change: { kind: 'posted' },
    });
    if (logged.status !== 'duplicate') show(renderLogConfirmation(logged.view));
  }

  section(`${rep.name} types /stats`);
  const { stats, stages, coaching } = await getRepStats(db, rep, 'week', now.toJSDate());
  const statsView = renderRepStats({ personName: rep.name, isSelf: true, stats, stages, coaching });
  show(statsView);

  section(`${rep.name} types /coach focus`);
  show(renderFocus(await getFocus(db, rep, rep, now.toJSDate())));

  section(`${manager.name} types /coach team`);
  // Slack shows a mention as the person's name: the reps' and the managers' alike.
  const managerNames = await Promise.all(team.managerSlackIds.map(async (id): Promise<[string, string]> => [id, (await findPerson(db, WORKSPACE, id))?.name ?? id]));
  const names = new Map([...team.reps.map((r): [string, string] => [r.slackUserId, r.name]), ...managerNames]);
  show(renderTeam(await getTeamView(db, manager, now.toJSDate())), names);

  const { nextStart } = await seedDemoOneOnOne(db, manager, rep, now);
  section(`${manager.name}'s brief before the weekly 1:1 with ${rep.name} (${nextStart.toFormat('cccc d LLL, HH:mm')} ${nextStart.zoneName})`);
  const brief = renderBrief(await getBriefOnDemand(db, manager, rep, now.toJSDate()));
  show(brief, names);
  section(`${manager.name} taps *The full detail* on the brief (a modal)`);
  const detail = renderBriefDetailModal(await explainBrief(db, manager, rep.slackUserId, now.toMillis(), now.toJSDate()));
  show({ blocks: detail.blocks as KnownBlock[] }, names);

  // The digest goes out at the rep's digest slot (by default Monday 09:00, in their working week) about the week
  // just ended; shown as of that slot this week, or now if it has not come yet.
  const slot = digestSlot(readPreferences(rep.preferences));
  const [slotHour, slotMinute] = slot.time.split(':').map(Number);
  const digestAt = DateTime.min(now.setZone(rep.tz).startOf('week').plus({ days: slot.day - 1, hours: slotHour, minutes: slotMinute }), now.setZone(rep.tz));
  section(`${rep.name}'s weekly digest DM for the week just ended, as the deliver job sent it ${digestAt.toFormat('cccc d LLL, HH:mm')} (${rep.tz})`);
  const digest = renderRepDigest(await buildRepDigest(db, rep, { dueAt: digestAt.toJSDate(), now: digestAt.toJSDate() }));
  show(digest, names);
  console.log(`\nBlock Kit JSON of the digest:\n${JSON.stringify({ text: digest.text, blocks: digest.blocks }, null, 2)}`);

  const repHome = renderHome(await getHome(db, rep, now.toJSDate()));
  section(`${rep.name} opens the app's Home tab (their dashboard, refreshed after each log)`);
  show(repHome, names);
  const managerHome = renderHome(await getHome(db, manager, now.toJSDate()));
  section(`${manager.name} opens the app's Home tab (the team by tier)`);
  show(managerHome, names);

  section(`Block Kit JSON of ${rep.name}'s /stats (paste into Slack's Block Kit Builder)`);
  console.log(JSON.stringify({ blocks: statsView.blocks }, null, 2));

  section(`Block Kit JSON of ${manager.name}'s brief on ${rep.name}`);
  console.log(JSON.stringify({ text: brief.text, blocks: brief.blocks }, null, 2));

  section(`Block Kit JSON of ${rep.name}'s Home tab (views.publish; Block Kit Builder's "App Home" preview)`);
  console.log(JSON.stringify(repHome, null, 2));

  section(`Block Kit JSON of ${manager.name}'s Home tab`);
  console.log(JSON.stringify(managerHome, null, 2));
  return 0;
}

/** Prints a message as text; Slack would show a mention as the person's name, so the demo does too. */
function show(message: { blocks: Parameters<typeof blocksToPlainText>[0] }, names = new Map<string, string>()): void {
  console.log(blocksToPlainText(message.blocks).replace(/@([UW][A-Z0-9]+)/g, (_whole, id: string) => `@${names.get(id) ?? id}`));
}

function section(title: string): void {
  console.log(`\n━━ ${title}\n`);
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * What the demo rep DMs: activity across days, a demo on a deal named by its first word, a proposal with an
 * amount on a name two of their deals share (so the reply asks which), a close date pushed, a correction.
 */
export function demoMessages(openDeals: readonly string[]): string[] {
  const firstWords = openDeals.map((name) => name.split(' ')[0] ?? name);
  const counts = new Map<string, number>();
  for (const word of firstWords) counts.set(word, (counts.get(word) ?? 0) + 1);
  const unique = firstWords.filter((w) => counts.get(w) === 1);
  const shared = firstWords.find((w) => (counts.get(w) ?? 0) > 1);
  const messages = [`4 calls yesterday and 2 today, demo with ${unique[0] ?? 'Acme'}`];
  if (shared) messages.push(`proposal out to ${shared} for 24k`);
  if (unique[1]) messages.push(`${unique[1]} pushed to Q1`);
  messages.push('oops, that was 3 calls not 4');
  return messages;
}

import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyntheticTeam, type TSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { getRepCoaching } from '../../src/services/coaching/get-rep-coaching';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { findPersonBySlackId } from '../../db/repositories/people';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { commandReply } from '../support/command-reply';
import { postCommand } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const T = 'T0CANOPY';
const NOW = DateTime.fromISO('2026-11-24T15:00:00Z', { zone: 'utc' });

describe('coaching in Slack after a recompute (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let team: TSyntheticTeam;
  let n = 0;
  const tierOf = async (slackUserId: string) => (await getRepCoaching(app.db, (await findPersonBySlackId(app.db, T, slackUserId))!.id, NOW.toJSDate()))!;
  /** The first rep whose coaching matches (each rep's coaching loaded in turn). */
  const repWhere = async (test: (coaching: Awaited<ReturnType<typeof tierOf>>) => boolean) => {
    for (const r of team.reps) if (test(await tierOf(r.slackUserId))) return r;
    return undefined;
  };

  const command = async (user: string, name: string, text: string) => {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const reply = { args: await commandReply(res, fake, id) };
    return JSON.stringify(reply.args);
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({ fake, now: () => NOW.toJSDate() });
    team = await createSyntheticTeam(app.db, { workspaceId: T, managers: 2, repsPerManager: 5, now: NOW });
    for (const nightsAgo of [2, 1, 0]) await recomputeWorkspace(app.db, { workspaceId: T, now: NOW.minus({ days: nightsAgo }).toJSDate() });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('/stats shows a guided or focused rep their targets with pace, and how they are computed', async () => {
    const rep = (await repWhere((c) => ['guided', 'focused'].includes(c.tier.tier)))!;
    const reply = await command(rep.slackUserId, '/stats', '');
    expect(reply).toContain('Targets');
    expect(reply).toMatch(/On pace|Behind by|Done:|Ahead/);
    expect(reply).toContain('How is this computed?');
  });

  it('an autonomous rep sees outcome goals only, and their targets when they ask', async () => {
    const rep = (await repWhere((c) => c.tier.tier === 'autonomous'))!;
    expect(rep).toBeDefined();
    const plain = await command(rep.slackUserId, '/stats', '');
    expect(plain).toContain('Outcome goals only');
    expect(plain).not.toContain('*Targets*');
    expect(plain).toContain('/stats targets');
    const asked = await command(rep.slackUserId, '/stats', 'targets');
    expect(asked).toContain('*Targets*');
  });

  it('a ramping rep is shown no tier judgement', async () => {
    const rep = (await repWhere((c) => c.tier.tier === 'ramping'))!;
    const reply = await command(rep.slackUserId, '/stats', '');
    expect(reply).toContain('Getting started');
    expect(reply).not.toContain((await tierOf(rep.slackUserId)).tier.reasonText);
  });

  it('/coach focus explains the focus stage with evidence, a tip, questions and the team’s recordings', async () => {
    const rep = (await repWhere((c) => c.focus !== null))!;
    const focus = (await tierOf(rep.slackUserId)).focus!;
    const manager = team.managerSlackIds[team.reps.indexOf(rep) < 5 ? 0 : 1]!;
    const added = await command(manager, '/coach', `exemplar add ${focus.stage} <https://example.com/rec/42|rec> Great call <!channel>`);
    expect(added).toContain('Added');
    expect(added).not.toContain('<!channel>');
    const reply = await command(rep.slackUserId, '/coach', 'focus');
    expect(reply).toContain('Conversion');
    expect(reply).toContain("the team's");
    expect(reply).toContain('What to try');
    expect(reply).toContain('Questions to think about');
    expect(reply).toContain('https://example.com/rec/42');
  });

  it('a rep cannot add to the library, nor see a peer’s focus', async () => {
    const [a, b] = team.reps;
    expect(await command(a!.slackUserId, '/coach', 'exemplar add demo https://example.com/x Mine')).toContain('Only managers');
    expect(await command(a!.slackUserId, '/coach', `focus <@${b!.slackUserId}|peer>`)).toContain('only show');
  });

  it('/coach team groups the manager’s reps by tier with each tier’s reason', async () => {
    const reply = await command(team.managerSlackIds[0]!, '/coach', 'team');
    expect(reply).toMatch(/Autonomous|Guided|Focused/);
    expect(reply).toContain('Ramping');
    for (const rep of team.reps.slice(0, 5)) expect(reply).toContain(rep.slackUserId);
    expect(reply).not.toContain(team.reps[5]!.slackUserId);
  });
});

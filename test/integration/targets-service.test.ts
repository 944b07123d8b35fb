import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { type TDb } from '../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../db/repositories/people';
import { createSyntheticTeam, type TSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { adjustTargets } from '../../src/services/targets/adjust-targets';
import { agreeTargets } from '../../src/services/targets/agree-targets';
import { getTargets } from '../../src/services/targets/get-targets';
import { proposeTargets } from '../../src/services/targets/propose-targets';
import { setTargetsForRep } from '../../src/services/targets/set-targets-for-rep';
import { memoryDb } from '../support/db';
import { s } from '../support/tables';

const W = 'T0TARGETS';
const NOW = DateTime.fromISO('2026-03-11T12:00:00Z', { zone: 'utc' });
const at = (days: number) => NOW.plus({ days }).toJSDate();

describe('activity targets: propose, agree, adjust, set, and the recompute (migrated SQLite)', () => {
  let db: TDb;
  let team: TSyntheticTeam;
  let manager: TPersonRow;
  let rep: TPersonRow;
  let peer: TPersonRow;
  const person = async (slackUserId: string) => (await findPersonBySlackId(db, W, slackUserId))!;
  /** The team's reps, each with the tier `/coach targets` gives them now. */
  const repsWithTiers = async () => {
    const reps = await Promise.all(team.reps.map((r) => person(r.slackUserId)));
    return Promise.all(reps.map(async (r) => ({ rep: r, tier: (await getTargets(db, r, at(0))).tier })));
  };
  const rowsOf = async (personId: number) => (await db.select().from(s.activityTargets)).filter((r) => r.personId === personId);
  const expectationsAt = async (personId: number, when: Date) =>
    (await db.select().from(s.expectations)).filter((e) => e.personId === personId && e.computedAt.getTime() === when.getTime());

  beforeEach(async () => {
    db = await memoryDb();
    team = await createSyntheticTeam(db, { workspaceId: W, managers: 1, repsPerManager: 5, now: NOW, seed: 5 });
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    manager = await person(team.managerSlackIds[0]!);
    // A rep the engine gives targets (not autonomous), and a peer on the same team.
    const reps = await repsWithTiers();
    rep = (await Promise.all(reps.map(async (r) => ({ ...r, expected: (await (await expectationsAt(r.rep.id, at(0)))).length })))).find((r) => r.tier !== 'autonomous' && r.expected > 0)!.rep;
    peer = reps.find((r) => r.rep.id !== rep.id)!.rep;
    expect(rep.managerId).toBe(manager.id);
  });

  it('a rep proposes: stored as proposed, their manager returned to be asked; a newer proposal replaces it', async () => {
    const first = await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 30 }], at(0));
    expect(first.manager?.id).toBe(manager.id);
    expect(first.autonomous).toBe(false);
    const second = await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }], at(0));
    expect((await rowsOf(rep.id)).map((r) => [r.id, r.status])).toEqual([[first.set.id, 'declined'], [second.set.id, 'proposed']]);
    const shown = await getTargets(db, rep, at(0));
    expect(shown.proposed?.targets).toEqual([{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }]);
    expect(shown.agreed).toBeNull();
    expect(shown.current.every((t) => t.source === 'engine')).toBe(true);
  });

  it('the manager agrees: agreed by them, and twice is harmless; a peer is refused', async () => {
    const { set } = await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 25 }], at(0));
    await expect(agreeTargets(db, peer, set.id, at(0))).rejects.toThrow(/Only this rep's manager or an admin/);
    expect((await rowsOf(rep.id))[0]).toMatchObject({ status: 'proposed', agreedById: null });
    const decision = await agreeTargets(db, manager, set.id, at(0));
    expect(decision).toMatchObject({ already: false, set: { status: 'agreed', agreedByName: manager.name, proposedByRep: true } });
    expect((await agreeTargets(db, manager, set.id, at(0))).already).toBe(true);
    // Agreed targets count at once on `/coach targets`, with their own sentence.
    const current = (await getTargets(db, rep, at(0))).current;
    expect(current[0]).toMatchObject({ type: 'call', per: 'week', amount: 25, source: 'agreed', text: `Agreed with ${manager.name} on Mar 11, proposed by you.` });
    expect(current.length).toBeLessThanOrEqual(3);
  });

  it('the manager adjusts: agreed with the new targets, what was proposed kept; bad ones refused', async () => {
    const { set } = await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 40 }], at(0));
    await expect(adjustTargets(db, manager, set.id, '0 calls', at(0))).rejects.toThrow(/between 1 and 500/);
    await expect(adjustTargets(db, peer, set.id, '30 calls', at(0))).rejects.toThrow(/Only this rep's manager/);
    const decision = await adjustTargets(db, manager, set.id, '30 calls, 5 emails', at(0));
    expect(decision.set).toMatchObject({ status: 'agreed', targets: [{ type: 'call', per: 'week', amount: 30 }, { type: 'email', per: 'week', amount: 5 }], proposedTargets: [{ type: 'call', per: 'week', amount: 40 }] });
    expect((await getTargets(db, rep, at(0))).current[0]!.text).toMatch(/adjusted from what you proposed \(40 calls a week\)/);
  });

  it('a manager sets targets directly: agreed at once, replacing earlier sets; a peer may not', async () => {
    await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 40 }], at(0));
    await expect(setTargetsForRep(db, peer, rep, [{ type: 'call', per: 'week', amount: 20 }], at(0))).rejects.toThrow(/Only a rep's manager or an admin/);
    await expect(setTargetsForRep(db, rep, rep, [{ type: 'call', per: 'week', amount: 20 }], at(0))).rejects.toThrow(/Only a rep's manager/);
    const { set } = await setTargetsForRep(db, manager, rep, [{ type: 'call', per: 'week', amount: 20 }], at(0));
    expect(set).toMatchObject({ status: 'agreed', proposedByRep: false, agreedByName: manager.name });
    expect((await rowsOf(rep.id)).map((r) => r.status)).toEqual(['declined', 'agreed']);
    expect((await getTargets(db, rep, at(0))).current[0]).toMatchObject({ amount: 20, text: `Set by ${manager.name} on Mar 11.` });
  });

  it('the recompute uses the agreed targets as the expectations for their types, at most three in all', async () => {
    const before = await expectationsAt(rep.id, at(0));
    const engineCall = before.find((e) => e.activityType === 'call');
    const { set } = await proposeTargets(db, rep, [{ type: 'call', per: 'week', amount: 7 }, { type: 'proposal', per: 'month', amount: 2 }], at(0));
    await agreeTargets(db, manager, set.id, at(0));
    await recomputeWorkspace(db, { workspaceId: W, now: at(1) });
    const after = await expectationsAt(rep.id, at(1));
    expect(after.length).toBeLessThanOrEqual(3);
    const call = after.find((e) => e.activityType === 'call')!;
    expect(call).toMatchObject({ per: 'week', amount: 7 });
    expect(call.derivation).toMatchObject({ basis: 'agreed', weeklyAmount: 7, text: `Agreed with ${manager.name} on Mar 11, proposed by you.` });
    expect(after.find((e) => e.activityType === 'proposal')).toMatchObject({ per: 'month', amount: 2 });
    if (engineCall) expect(engineCall.amount).not.toBe(7);
    // The engine's other expectations fill the rest; the peer's are the engine's alone.
    for (const e of after.filter((x) => x.activityType !== 'call' && x.activityType !== 'proposal')) expect(e.derivation).not.toHaveProperty('basis', 'agreed');
    for (const e of (await expectationsAt(peer.id, at(1)))) expect(e.derivation).not.toHaveProperty('basis', 'agreed');
  });

  it('an autonomous rep is told they get no activity targets; agreed ones stay on request only', async () => {
    const auto = (await repsWithTiers()).find((r) => r.tier === 'autonomous')?.rep;
    if (!auto) return expect.fail('the synthetic team has no autonomous rep');
    const { set, autonomous } = await proposeTargets(db, auto, [{ type: 'demo', per: 'week', amount: 3 }], at(0));
    expect(autonomous).toBe(true);
    await agreeTargets(db, manager, set.id, at(0));
    await recomputeWorkspace(db, { workspaceId: W, now: at(1) });
    const demo = (await expectationsAt(auto.id, at(1))).find((e) => e.activityType === 'demo');
    // Nothing changed overnight, so the rep is still autonomous and the agreed target is kept for `/stats targets` only.
    expect((await getTargets(db, auto, at(1))).tier).toBe('autonomous');
    expect(demo?.derivation).toMatchObject({ basis: 'agreed', onRequestOnly: true });
  });
});

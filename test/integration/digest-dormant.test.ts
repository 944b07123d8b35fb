import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import type { TPersonRow } from '../../db/repositories/people';
import { buildRepDigest } from '../../src/services/digests/build-digest';
import { digestToPlainText, renderRepDigest } from '../../src/slack/blocks/digest';
import { addPerson, memoryDb } from '../support/db';

const WS = 'T0DORMANT';
const NOW = new Date('2026-11-30T09:00:00Z');
const DAY = 86_400_000;

/*
 * SPEC §2: a dormant deal (idle over 90 days by default) is "close it or revive it?" in the brief, never the
 * digest's "This week: Move X on"; a stalled one may be.
 */
describe('buildRepDigest: this week’s move is a stalled deal, never a dormant one', () => {
  let db: TDb;
  let rep: TPersonRow;
  beforeEach(async () => {
    db = await memoryDb();
    rep = await addPerson(db, WS, 'U0DANA', { name: 'Dana', tz: 'UTC' });
    // Something logged last week, no expectations: the suggestion falls through to deals.
    await insertActivities(db, [{ workspaceId: WS, repId: rep.id, type: 'call', count: 12, occurredAt: new Date('2026-11-25T10:00:00Z'), dealId: null, stage: null, logEntryId: null }]);
  });

  async function deal(name: string, stage: string, idleDays: number): Promise<void> {
    const at = new Date(NOW.getTime() - idleDays * DAY);
    const row = await createDeal(db, { workspaceId: WS, repId: rep.id, externalId: name, name, stage, createdAt: at });
    await addStageHistory(db, { dealId: row.id, stage, enteredAt: at, logEntryId: null });
  }

  const digest = async () => {
    const view = await buildRepDigest(db, rep, { dueAt: NOW, now: NOW });
    return { view, text: digestToPlainText(renderRepDigest(view)) };
  };

  it.each([
    { name: 'only dormant deals (303 and 360 days idle): no move, no praise', deals: [['Wonka 413', 'proposal', 303], ['Soylent 9', 'discovery', 360]] as const, want: 'keep_logging', lacks: ['Move Wonka 413', 'Move Soylent 9', 'Every expectation met'] },
    { name: 'a dormant and a stalled deal: the stalled one', deals: [['Wonka 413', 'proposal', 330], ['Initech', 'proposal', 20]] as const, want: 'move_deal', lacks: ['Move Wonka 413'] },
    { name: 'idle exactly 90 days is still stalled', deals: [['Globex', 'demo', 90]] as const, want: 'move_deal', lacks: [] },
  ])('$name', async ({ deals, want, lacks }) => {
    for (const [name, stage, idle] of deals) await deal(name, stage, idle);
    const { view, text } = await digest();
    expect(view.suggestion.kind).toBe(want);
    if (view.suggestion.kind === 'move_deal') expect(view.suggestion.idleDays).toBeLessThanOrEqual(90);
    for (const l of lacks) expect(text).not.toContain(l);
  });
});

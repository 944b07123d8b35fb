import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { listAuditEvents } from '../../db/repositories/setup';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { setupCommand, SETUP_FLAGS } from '../../src/cli/setup';
import { SETUP_FIELDS } from '../../src/domain/setup-text';
import { findPersonBySlackId } from '../../db/repositories/people';
import { addPerson, memoryDb } from '../support/db';

/* `setup show|set` as the CLI runs them (output captured), on a migrated SQLite. */
const NOW = new Date('2026-12-07T14:00:00Z');
let db: TDb;
let lines: string[];
const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
const run = (...args: string[]) => setupCommand(args, db, io, NOW);

beforeEach(async () => {
  db = await memoryDb();
  await ensureWorkspace(db, 'T0CLI');
  lines = [];
});

describe('setup CLI verbs', () => {
  it('show prints the setup as text, and as the flags that set it', async () => {
    expect(await run('show', '--workspace', 'T0CLI')).toBe(0);
    expect(lines.slice(0, 3)).toEqual([
      'Stages: Prospecting → Discovery → Demo → Proposal → Negotiation → Won | Lost',
      'Stalled after (days): Prospecting 14, Discovery 14, Demo 10, Proposal 10, Negotiation 7; dormant after 90 days',
      'Activity feeds: call → Prospecting, email → Prospecting, meeting → Discovery, demo → Demo, proposal → Proposal, social → Prospecting, other → none',
    ]);
    expect(lines).toContain('  --stages "prospecting:Prospecting,discovery:Discovery,demo:Demo,proposal:Proposal,negotiation:Negotiation"');
    expect(lines).toContain('  --time-zone "UTC"');
  });

  it('set saves each flag, audited via cli, and recomputes after a coaching change', async () => {
    expect(
      await run('set', '--workspace', 'T0CLI', '--stages', 'prospecting:Prospecting|Lead,discovery:Discovery|Qualification,demo:Demo,proposal:Proposal,negotiation:Negotiation', '--time-zone', 'Europe/Berlin', '--ramping-days', '45', '--dormant-days=120', '--quota-kind', 'revenue', '--leaderboard', 'on'),
    ).toBe(0);
    expect(lines).toEqual([
      'Saved the setup of T0CLI: stages, tiers, dormantDays, timezone, quotaKind, leaderboard changed (recorded in the audit log, via cli).',
      'Recomputed coaching: 0 reps in 0 teams, 0 tier changes.',
    ]);
    expect((await listAuditEvents(db, 'T0CLI', 'setup.')).map((r) => [r.action, r.actorId, r.via])).toEqual([
      ['setup.stages', null, 'cli'], ['setup.tiers', null, 'cli'], ['setup.dormantDays', null, 'cli'],
      ['setup.timezone', null, 'cli'], ['setup.quotaKind', null, 'cli'], ['setup.leaderboard', null, 'cli'],
    ]);
    lines = [];
    expect(await run('set', '--workspace', 'T0CLI', '--time-zone', 'Europe/Berlin')).toBe(0);
    expect(lines).toEqual(['Nothing changed: T0CLI already has that setup.']);
  });

  it('set names every bad flag and changes nothing', async () => {
    expect(await run('set', '--workspace', 'T0CLI', '--time-zone', 'Mars/Base', '--working-days', 'funday', '--autonomous-at', '50', '--focused-below', '80')).toBe(1);
    expect(lines).toEqual([
      'Cannot save the setup of T0CLI:',
      '  --focused-below: focused must start below where autonomous starts',
      "  --time-zone: 'Mars/Base' is not a region time zone (like Europe/Berlin or America/New_York; UTC for none)",
      "  --working-days: 'funday' is not a day: use mon … sun (or 1 … 7), like mon-fri",
      'Nothing was changed.',
    ]);
    expect(await listAuditEvents(db, 'T0CLI', 'setup.')).toEqual([]);
  });

  it('explains its usage: --help lists a flag for every setting; bad arguments exit 2', async () => {
    expect(await run('--help')).toBe(0);
    for (const f of SETUP_FLAGS) expect(lines.join('\n')).toContain(`  ${f.flag} <value>`);
    expect(new Set(SETUP_FLAGS.map((f) => f.field))).toEqual(new Set(SETUP_FIELDS));
    const cases: [string[], string][] = [
      [['set', '--workspace', 'T0CLI', '--colour', 'green'], 'unknown flag --colour'],
      [['set', '--workspace', 'T0CLI'], 'nothing to set: give at least one flag'],
      [['set', '--workspace', 'acme', '--leaderboard', 'on'], "--workspace 'acme' is not a Slack team id"],
      [['show'], '--workspace <team_id> is missing'],
      [['delete', '--workspace', 'T0CLI'], "unknown setup verb 'delete': use show or set"],
      [['set', '--workspace', 'T0CLI', '--leaderboard'], '--leaderboard needs a value'],
    ];
    for (const [args, want] of cases) {
      lines = [];
      expect(await run(...args)).toBe(2);
      expect(lines.join('\n')).toContain(want);
    }
    lines = [];
    expect(await run('show', '--workspace', 'T0NOPE')).toBe(1);
    expect(lines).toEqual(['No workspace has the id T0NOPE (check the Slack team id).']);
  });

  it('--admins sets the Canopy admins (audited via cli), show lists them beside Slack admins, and the last admin cannot go', async () => {
    await addPerson(db, 'T0CLI', 'U0ANA', { name: 'Ana Ortiz' });
    await addPerson(db, 'T0CLI', 'U0BEN', { name: 'Ben Lee' });
    expect(await run('set', '--workspace', 'T0CLI', '--admins', 'U0ANA,U0BEN')).toBe(0);
    expect(lines).toEqual(['Saved the setup of T0CLI: admins changed (recorded in the audit log, via cli).']);
    expect((await listAuditEvents(db, 'T0CLI', 'setup.admins')).map((r) => [r.actorId, r.via, r.details])).toEqual([[null, 'cli', { before: [], after: ['U0ANA', 'U0BEN'] }]]);
    lines = [];
    expect(await run('show', '--workspace', 'T0CLI')).toBe(0);
    expect(lines).toContain('Admins: Ana Ortiz (U0ANA), Ben Lee (U0BEN); Slack workspace admins (always admins): none');
    expect(lines).toContain('  --admins "U0ANA,U0BEN"');
    lines = [];
    expect(await run('set', '--workspace', 'T0CLI', '--admins', '')).toBe(1);
    expect(lines).toEqual([
      'Cannot save the setup of T0CLI:',
      '  --admins: at least one admin must remain: keep someone on the list (Slack workspace admins always count)',
      'Nothing was changed.',
    ]);
    lines = [];
    expect(await run('set', '--workspace', 'T0CLI', '--admins=U0BEN')).toBe(0);
    expect([(await findPersonBySlackId(db, 'T0CLI', 'U0ANA'))?.role, (await findPersonBySlackId(db, 'T0CLI', 'U0BEN'))?.role]).toEqual(['rep', 'admin']);
    lines = [];
    expect(await run('set', '--workspace', 'T0CLI', '--admins', 'U0BEN,U0GHOST')).toBe(1);
    expect(lines[1]).toBe('  --admins: U0GHOST is not someone Canopy knows in this workspace (people appear once they use Canopy or are imported)');
  });
});

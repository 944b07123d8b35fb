import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoteToManager, setManager, type TPersonRow } from '../../db/repositories/people';
import { saveSetup } from '../../src/services/setup/save-setup';
import { addPerson } from '../support/db';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postEvent } from '../support/slack-requests';
import { s } from '../support/tables';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

/*
 * The team leaderboard on the Home tab, through the real Bolt app over HTTP against the fake Slack: off (the
 * default) a rep sees nothing of a teammate's; on, a rep and their manager see the team's deals won this
 * quarter by name with first names — no amounts, no other team's deals, nothing lost or from last quarter.
 */
const NOW = new Date('2026-11-24T18:00:00Z'); // Q4 2026
const W = FAKE_TEAM.teamId;
const DAY = 86_400_000;

type TView = { blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };

describe('Home tab leaderboard (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const homeText = async (userId: string): Promise<string> => {
    const mark = fake.calls.length;
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0BOARD${++n}`, event: { user: userId, tab: 'home' } }));
    expect(res.status).toBe(200);
    const view = (await fake.waitFor('views.publish', (c) => c.args.user_id === userId && fake.calls.indexOf(c) >= mark)).args.view as TView;
    return view.blocks.map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n')).join('\n');
  };
  const deal = (rep: TPersonRow, name: string, outcome: 'won' | 'lost', closedDaysAgo: number, amountCents: number | null = 2_400_000) =>
    app.db.insert(s.deals).values({
      workspaceId: W, repId: rep.id, externalId: `${name}-${rep.id}`, name, nameKey: name.toLowerCase(), stage: outcome, furthestStage: outcome, outcome, amountCents,
      createdAt: new Date(NOW.getTime() - 120 * DAY), closedAt: new Date(NOW.getTime() - closedDaysAgo * DAY),
    });
  const leaderboard = async (on: boolean) => {
    const result = await saveSetup(app.db, { workspaceId: W, actor: null, via: 'cli', form: { leaderboard: on ? 'on' : 'off' } }, NOW);
    expect(result.ok).toBe(true);
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'mo', real_name: 'Mo Manager', tz: 'UTC' },
        { id: 'U0ANA1', name: 'ana', real_name: 'Ana Ortiz', tz: 'UTC' },
        { id: 'U0BEN1', name: 'ben', real_name: 'Ben Lee', tz: 'UTC' },
        { id: 'U0CAT1', name: 'cat', real_name: 'Cat Other', tz: 'UTC' },
        { id: 'U0OLI1', name: 'oli', real_name: 'Oli Othermgr', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
    const people: TPersonRow[] = [];
    for (const [i, id] of ['U0MGR1', 'U0ANA1', 'U0BEN1', 'U0CAT1', 'U0OLI1'].entries()) {
      people.push(await addPerson(app.db, W, id, { name: ['Mo Manager', 'Ana Ortiz', 'Ben Lee', 'Cat Other', 'Oli Othermgr'][i]! }));
    }
    const [mo, ana, ben, cat, oli] = people as [TPersonRow, TPersonRow, TPersonRow, TPersonRow, TPersonRow];
    await promoteToManager(app.db, mo);
    await promoteToManager(app.db, oli);
    await setManager(app.db, ana.id, mo.id);
    await setManager(app.db, ben.id, mo.id);
    await setManager(app.db, cat.id, oli.id);
    // Ana's and Ben's wins this quarter, newest first: Wayne (Ben, 2 days ago), then twelve of Ana's.
    await deal(ben, 'Wayne <@U0CAT1>', 'won', 2);
    for (let i = 1; i <= 12; i++) await deal(ana, `Initech ${i}`, 'won', 2 + i);
    await deal(ben, 'Hooli', 'lost', 5); // lost: never listed
    await deal(ana, 'Umbrella', 'won', 70); // won last quarter
    await deal(cat, 'Stark', 'won', 3); // another team's
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('off (the default): a rep sees nothing of a teammate, and is told no other rep sees theirs', async () => {
    const text = await homeText('U0ANA1');
    expect(text).not.toContain('Won by your team');
    expect(text).not.toContain('Wayne');
    expect(text).toContain('No other rep sees them.');
    expect(await homeText('U0MGR1')).not.toContain('Won by your team');
  });

  it("on: a rep sees the team's won deals this quarter by name and first name, ten and how many more, no amounts", async () => {
    await leaderboard(true);
    const text = await homeText('U0ANA1');
    const board = text.slice(text.indexOf('*Won by your team this quarter* · Q4 2026'));
    expect(board.split('\n').filter(Boolean).slice(0, 13)).toEqual([
      '*Won by your team this quarter* · Q4 2026',
      ':trophy: Wayne &lt;@U0CAT1&gt; — Ben',
      ...Array.from({ length: 9 }, (_, i) => `:trophy: Initech ${i + 1} — Ana`),
      '_and 3 more_',
      'On because your team turned the leaderboard on in `/coach setup`: deal names and who won them — no amounts, no ranks.',
    ]);
    for (const absent of ['Hooli', 'Umbrella', 'Stark', '$24,000', '24k', 'Ortiz', 'Lee']) expect(board, absent).not.toContain(absent);
    expect(text).toContain('teammates see the names of deals you win this quarter');
  });

  it('on: the manager sees it on the team view; a rep of another team sees only theirs; off again hides it', async () => {
    expect(await homeText('U0MGR1')).toContain(':trophy: Wayne &lt;@U0CAT1&gt; — Ben');
    const other = await homeText('U0CAT1');
    expect(other).toContain(':trophy: Stark — Cat');
    expect(other).not.toContain('Wayne');
    await leaderboard(false);
    const text = await homeText('U0BEN1');
    expect(text).not.toContain('Won by your team');
    expect(text).not.toContain('Initech');
  });
});

import { describe, expect, it } from 'vitest';
import { parseAdmins, planAdminRoles, type TRolePerson } from '../../src/domain/setup-roles';
import { readSetupForm } from '../../src/domain/setup-text';
import { teamWinsBlocks } from '../../src/slack/blocks/home-leaderboard';

const p = (slackUserId: string, over: Partial<TRolePerson> = {}): TRolePerson => ({
  id: slackUserId.length,
  slackUserId,
  name: slackUserId,
  role: 'rep',
  slackAdmin: false,
  isDeleted: false,
  isBot: false,
  managerName: null,
  hasReps: false,
  ...over,
});

describe('parseAdmins', () => {
  const scenarios: { text: string; want: { ids: string[] } | string }[] = [
    { text: '', want: { ids: [] } },
    { text: 'U024BE7LH', want: { ids: ['U024BE7LH'] } },
    { text: 'U1AB, <@U2CD>\n<@W3EF|ana>  U1AB', want: { ids: ['U1AB', 'U2CD', 'W3EF'] } },
    { text: 'U1AB;U2CD', want: { ids: ['U1AB', 'U2CD'] } },
    { text: 'ana', want: "'ana' is not a Slack user id (like U024BE7LH): list the admins' ids, comma-separated" },
    { text: '<!channel>', want: "'channel' is not a Slack user id (like U024BE7LH): list the admins' ids, comma-separated" },
    { text: Array.from({ length: 51 }, (_, i) => `U0X${i}`).join(','), want: 'at most 50 Canopy admins' },
  ];
  for (const { text, want } of scenarios) it(JSON.stringify(text).slice(0, 40), () => expect(parseAdmins(text)).toEqual(want));

  it('is the admins field of the setup form', () => {
    expect(readSetupForm({ admins: '<@U1AB>' })).toEqual({ change: { admins: ['U1AB'] }, errors: {} });
    expect(readSetupForm({ admins: 'x' }).errors.admins).toContain('is not a Slack user id');
  });
});

describe('planAdminRoles', () => {
  const people = [
    p('U0ADA', { role: 'admin' }),
    p('U0MIA', { role: 'admin', hasReps: true }),
    p('U0SAM', { slackAdmin: true }),
    p('U0REX', { managerName: 'Mia' }),
    p('U0UNA'),
    p('U0GONE', { isDeleted: true }),
    p('U0BOT', { isBot: true }),
  ];
  const scenarios: { name: string; people?: TRolePerson[]; wanted: string[]; want: { promote: string[]; demote: [string, string][] } | string }[] = [
    { name: 'the same admins', wanted: ['U0MIA', 'U0ADA'], want: { promote: [], demote: [] } },
    { name: 'one added', wanted: ['U0ADA', 'U0MIA', 'U0UNA'], want: { promote: ['U0UNA'], demote: [] } },
    { name: 'an admin with reps goes back to manager, one without to rep', wanted: ['U0UNA'], want: { promote: ['U0UNA'], demote: [['U0ADA', 'rep'], ['U0MIA', 'manager']] } },
    { name: 'a Slack admin may be listed', wanted: ['U0SAM'], want: { promote: ['U0SAM'], demote: [['U0ADA', 'rep'], ['U0MIA', 'manager']] } },
    { name: 'none listed, a Slack admin remains', wanted: [], want: { promote: [], demote: [['U0ADA', 'rep'], ['U0MIA', 'manager']] } },
    { name: 'none listed and no Slack admin', people: [p('U0ADA', { role: 'admin' }), p('U0UNA')], wanted: [], want: 'at least one admin must remain: keep someone on the list (Slack workspace admins always count)' },
    { name: 'a deactivated Slack admin does not count', people: [p('U0ADA', { role: 'admin' }), p('U0SAM', { slackAdmin: true, isDeleted: true })], wanted: [], want: 'at least one admin must remain: keep someone on the list (Slack workspace admins always count)' },
    { name: 'unknown', wanted: ['U0NOPE'], want: 'U0NOPE is not someone Canopy knows in this workspace (people appear once they use Canopy or are imported)' },
    { name: 'deactivated', wanted: ['U0GONE'], want: 'U0GONE is not someone Canopy knows in this workspace (people appear once they use Canopy or are imported)' },
    { name: 'a bot', wanted: ['U0BOT'], want: 'U0BOT is a bot: only people can be admins' },
    { name: "a rep on someone's team", wanted: ['U0REX'], want: "U0REX is a rep on Mia's team and an admin is not coached as a rep: remove them from the team first (/coach team remove)" },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const result = planAdminRoles(s.people ?? people, s.wanted);
      if (typeof s.want === 'string') expect(result).toEqual({ ok: false, error: s.want });
      else {
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.plan.promote.map((x) => x.slackUserId)).toEqual(s.want.promote);
        expect(result.plan.demote.map((d) => [d.person.slackUserId, d.to])).toEqual(s.want.demote);
        expect(result.plan.after).toEqual(s.wanted);
      }
    });
  }
});

describe('teamWinsBlocks', () => {
  const texts = (blocks: ReturnType<typeof teamWinsBlocks>) =>
    blocks.map((b) => {
      const block = b as { type: string; text?: { text: string }; elements?: { text: string }[] };
      return block.text?.text ?? block.elements?.map((e) => e.text).join() ?? block.type;
    });
  const win = (dealName: string, repFirstName = 'Ana') => ({ dealName, repFirstName });
  const scenarios: { name: string; view: Parameters<typeof teamWinsBlocks>[0]; want: string[] }[] = [
    { name: 'off: nothing', view: {}, want: [] },
    {
      name: 'none won yet',
      view: { teamWins: { quarterLabel: 'Q4 2026', wins: [] } },
      want: ['divider', '*Won by your team this quarter* · Q4 2026\nNo deals won yet this quarter.', 'On because your team turned the leaderboard on in `/coach setup`: deal names and who won them — no amounts, no ranks.'],
    },
    {
      name: 'names escaped, never a mention',
      view: { teamWins: { quarterLabel: 'Q1 2027', wins: [win('Acme <@U0X> & Co', 'Bo<b>')] } },
      want: ['divider', '*Won by your team this quarter* · Q1 2027\n:trophy: Acme &lt;@U0X&gt; &amp; Co — Bo&lt;b&gt;', 'On because your team turned the leaderboard on in `/coach setup`: deal names and who won them — no amounts, no ranks.'],
    },
    {
      name: 'ten shown, the rest counted',
      view: { teamWins: { quarterLabel: 'Q4 2026', wins: Array.from({ length: 13 }, (_, i) => win(`D${i + 1}`)) } },
      want: [
        'divider',
        `*Won by your team this quarter* · Q4 2026\n${Array.from({ length: 10 }, (_, i) => `:trophy: D${i + 1} — Ana`).join('\n')}\n_and 3 more_`,
        'On because your team turned the leaderboard on in `/coach setup`: deal names and who won them — no amounts, no ranks.',
      ],
    },
  ];
  for (const s of scenarios) it(s.name, () => expect(texts(teamWinsBlocks(s.view))).toEqual(s.want));
});

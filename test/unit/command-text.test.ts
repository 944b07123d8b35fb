import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../src/domain/activity-grammar';
import { parseCoachCommand, parseStatsArgs, splitCommandText } from '../../src/domain/command-text';

describe('splitCommandText', () => {
  it('separates Slack mentions, bare @names and words', () => {
    expect(splitCommandText('add <@U0REP1|ava> <@W0REP2> @bob  quarter')).toEqual({
      userIds: ['U0REP1', 'W0REP2'],
      plainAtNames: ['@bob'],
      words: ['add', 'quarter'],
    });
  });

  it('deduplicates repeated mentions', () => {
    expect(splitCommandText('<@U1AA> <@U1AA|x>').userIds).toEqual(['U1AA']);
  });
});

describe('parseStatsArgs', () => {
  const scenarios = [
    { text: '', want: { ok: true, period: 'week' } },
    { text: '   ', want: { ok: true, period: 'week' } },
    { text: 'today', want: { ok: true, period: 'today' } },
    { text: 'last week', want: { ok: true, period: 'last week' } },
    { text: 'LAST WEEK', want: { ok: true, period: 'last week' } },
    { text: 'quarter <@U0REP1|ava>', want: { ok: true, period: 'quarter', repUserId: 'U0REP1' } },
    { text: '<@U0REP1|ava> 30d', want: { ok: true, period: '30d', repUserId: 'U0REP1' } },
    { text: '<@U0REP1>', want: { ok: true, period: 'week', repUserId: 'U0REP1' } },
    { text: 'targets', want: { ok: true, period: 'week', showTargets: true } },
    { text: 'last week targets', want: { ok: true, period: 'last week', showTargets: true } },
    { text: 'yday', want: { ok: true, period: 'yesterday' } },
    { text: 'prev month', want: { ok: true, period: 'last month' } },
    { text: 'lastq <@U0REP1|ava>', want: { ok: true, period: 'last quarter', repUserId: 'U0REP1' } },
    { text: 'ytd', want: { ok: true, period: 'ytd' } },
    { text: '7 days', want: { ok: true, period: '7d' } },
    { text: 'deals', want: { ok: true, period: 'week', deals: {} } },
    { text: 'Deals', want: { ok: true, period: 'week', deals: {} } },
    { text: 'pipeline', want: { ok: true, period: 'week', deals: {} } },
    { text: 'last month deals', want: { ok: true, period: 'last month', deals: { period: 'last month' } } },
    { text: 'deals last month', want: { ok: true, period: 'last month', deals: { period: 'last month' } } },
    { text: '<@U0REP1|ava> deals', want: { ok: true, period: 'week', repUserId: 'U0REP1', deals: {} } },
    { text: 'deals <@U0REP1|ava> 7d', want: { ok: true, period: '7d', repUserId: 'U0REP1', deals: { period: '7d' } } },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    expect(parseStatsArgs(text)).toEqual(want);
  });

  it('refuses an unknown period with the list of valid ones, never echoing markup', () => {
    const result = parseStatsArgs('fortnight <!channel>');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('last week');
    expect(result.message).not.toContain('<!channel>');
  });

  it('lists every period of SPEC §3 when the period is unknown', () => {
    const result = parseStatsArgs('fortnight');
    if (result.ok) throw new Error('expected a refusal');
    for (const name of ['today', 'yesterday', 'last month', 'last quarter', 'ytd', '7d', '30d', '90d']) expect(result.message).toContain(`\`${name}\``);
  });

  it.each([
    { text: 'deals acme', want: /don't know the period `acme`.*\/stats deals/ },
    { text: 'targets deals', want: /One view at a time/ },
    { text: 'deals @bob', want: /autocomplete/ },
  ])('explains bad deals input: $text', ({ text, want }) => {
    const result = parseStatsArgs(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(want);
  });

  it('asks for a real mention when Slack did not link the name', () => {
    const result = parseStatsArgs('week @bob');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain('autocomplete');
  });

  it('refuses two people at once', () => {
    expect(parseStatsArgs('<@U0AAA> <@U0BBB>').ok).toBe(false);
  });
});

describe('parseCoachCommand', () => {
  const scenarios = [
    { text: '', want: { verb: 'help' } },
    { text: 'help', want: { verb: 'help' } },
    { text: 'HELP me', want: { verb: 'help' } },
    { text: 'dance', want: { verb: 'help', unknownVerb: 'dance' } },
    { text: 'settings', want: { verb: 'settings' } },
    { text: 'pause', want: { verb: 'pause', days: 7 } },
    { text: 'pause 1w', want: { verb: 'pause', days: 7 } },
    { text: 'PAUSE 2 Weeks', want: { verb: 'pause', days: 14 } },
    { text: 'pause 3d', want: { verb: 'pause', days: 3 } },
    { text: 'pause 10 days', want: { verb: 'pause', days: 10 } },
    { text: 'pause for a week', want: { verb: 'pause', days: 7 } },
    { text: 'pause 1 month', want: { verb: 'pause', days: 30 } },
    { text: 'pause 90d', want: { verb: 'pause', days: 90 } },
    { text: 'pause 12w', want: { verb: 'pause', days: 84 } },
    { text: 'targets', want: { verb: 'targets', userIds: [], args: [] } },
    { text: 'Targets 25 calls 10 emails', want: { verb: 'targets', userIds: [], args: ['25', 'calls', '10', 'emails'] } },
    { text: 'target <@U0A1|ava> 20 calls', want: { verb: 'targets', userIds: ['U0A1'], args: ['20', 'calls'] } },
    { text: 'resume', want: { verb: 'resume' } },
    { text: 'Unpause', want: { verb: 'resume' } },
    { text: '1on1', want: { verb: '1on1 list' } },
    { text: '1on1 <@U0A1|ava> weekly tue 10:00', want: { verb: '1on1', userId: 'U0A1', words: ['weekly', 'tue', '10:00'] } },
    { text: '1:1 biweekly <@U0A1> Thursday 2:30pm', want: { verb: '1on1', userId: 'U0A1', words: ['biweekly', 'Thursday', '2:30pm'] } },
    { text: '1on1 cancel <@U0A1>', want: { verb: '1on1 cancel', userId: 'U0A1' } },
    { text: '1on1 <@U0A1> cancel', want: { verb: '1on1 cancel', userId: 'U0A1' } },
    { text: 'agenda', want: { verb: 'agenda', text: '' } },
    { text: 'agenda   pricing for  Acme <@U0B2>  ', want: { verb: 'agenda', text: 'pricing for  Acme <@U0B2>' } },
    { text: 'Agenda <@U0A1|ava> her Q3 plan', want: { verb: 'agenda', withUserId: 'U0A1', text: 'her Q3 plan' } },
    { text: 'team', want: { verb: 'team' } },
    { text: 'team add <@U0A1|a> <@U0B2|b>', want: { verb: 'team add', userIds: ['U0A1', 'U0B2'] } },
    { text: 'Team Remove <@U0A1>', want: { verb: 'team remove', userIds: ['U0A1'] } },
    { text: 'export', want: { verb: 'export' } },
    { text: 'Export my data', want: { verb: 'export' } },
    { text: 'export csv', want: { verb: 'export' } },
    { text: 'forget-me', want: { verb: 'forget-me' } },
    { text: 'Forget me', want: { verb: 'forget-me' } },
    { text: 'forgetme', want: { verb: 'forget-me' } },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    expect(parseCoachCommand(text)).toEqual(want);
  });

  it.each([
    { text: 'export <@U0A1|ava>', want: 'npm run cli -- export' },
    { text: 'export @ava', want: 'your own data' },
    { text: 'forget-me <@U0A1>', want: 'npm run cli -- forget' },
    { text: 'forget ava', want: 'deletes your own data' },
  ])('export and forget-me are about your own data only: $text', ({ text, want }) => {
    const parsed = parseCoachCommand(text);
    expect(parsed).toMatchObject({ verb: 'invalid' });
    expect(parsed.verb === 'invalid' && parsed.message).toContain(want);
  });

  it.each(['1on1 weekly tue 10:00', '1on1 @bob weekly tue 10:00', '1on1 <@U0A1> <@U0B2> weekly tue 10:00'])('explains a malformed 1on1 command: %s', (text) => {
    expect(parseCoachCommand(text)).toMatchObject({ verb: 'invalid' });
  });

  it.each([
    ['pause 500d', /at most 90 days/],
    ['pause 13 weeks', /at most 90 days/],
    ['pause 4 months', /at most 90 days/],
    ['pause 0d', /at least a day/],
    ['pause tomorrow', /couldn't read `tomorrow`/],
    ['pause 2 fortnights', /couldn't read/],
    ['pause 1.5w', /couldn't read/],
    ['pause -3d', /couldn't read/],
    ['pause <!channel> 1w', /couldn't read `!channel 1w`/],
  ])('refuses a bad pause: %s', (text, want) => {
    const result = parseCoachCommand(text);
    expect(result.verb).toBe('invalid');
    if (result.verb === 'invalid') {
      expect(result.message).toMatch(want);
      expect(result.message).not.toContain('<!channel>');
    }
  });

  it.each(['team add', 'team add @bob', 'team promote <@U0A1>'])('explains a malformed team command: %s', (text) => {
    expect(parseCoachCommand(text)).toMatchObject({ verb: 'invalid' });
  });

  it('caps an absurdly long unknown verb', () => {
    const result = parseCoachCommand('x'.repeat(5000));
    expect(result.verb).toBe('help');
    if (result.verb === 'help') expect(result.unknownVerb!.length).toBeLessThanOrEqual(40);
  });
});

describe('looksLikeQuestion: a message written as a question is not logged as activity', () => {
  const scenarios: { text: string; want: boolean }[] = [
    { text: 'What did you mean by asking for the next meeting — on the same call?', want: true },
    { text: 'should I call them again tomorrow?', want: true },
    { text: '  How many demos did I do this week?  ', want: true },
    { text: 'did 3 calls count?', want: true },
    { text: '3 calls?', want: false },
    { text: 'demo with Acme?', want: false },
    { text: 'what a day: 5 calls, 2 demos', want: false },
    { text: 'Is', want: false },
    { text: '4 calls, 2 emails', want: false },
    { text: '', want: false },
  ];
  it.each(scenarios)('$text → $want', ({ text, want }) => expect(looksLikeQuestion(text)).toBe(want));
});

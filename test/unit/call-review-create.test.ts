import { describe, expect, it } from 'vitest';
import { checkRecordingLink, continuesLink, mrkdwnText, plainMessage, requestsExpireBefore, reviewAccess, type TReviewParty } from '../../src/domain/call-reviews';
import { commandWords, parseCoachCommand } from '../../src/domain/command-text';

/* The review command's parser and messages, after the fix round (issue 16): tables of what is typed and what comes out. */

describe('parseCoachCommand: review and review request', () => {
  const scenarios: { text: string; want: object | RegExp }[] = [
    // A Slack link token whose label has spaces is one word.
    { text: 'review <@U0DANA|dana> <https://zoom.us/rec/x|My call with Acme> globex demo', want: { verb: 'review', userId: 'U0DANA', userName: 'dana', url: 'https://zoom.us/rec/x', words: ['globex', 'demo'] } },
    { text: 'review <@U0DANA> www.gong.io/call/1', want: { verb: 'review', userId: 'U0DANA', url: 'https://www.gong.io/call/1', words: [] } },
    // Broken links of a review are caught once the deal words are read (the service); the parser hands them on.
    { text: 'review <@U0DANA> https://exa mple.com/a b', want: { verb: 'review', userId: 'U0DANA', url: 'https://exa/', words: ['mple.com/a', 'b'] } },
    { text: 'review request https://zoom.us/rec/2 compare with how <@U0REP2> handled Globex?', want: { verb: 'review request', url: 'https://zoom.us/rec/2', note: 'compare with how <@U0REP2> handled Globex?' } },
    { text: 'review request https://zoom.us/rec/2 like <@U0REP2|eli> did', want: { verb: 'review request', url: 'https://zoom.us/rec/2', note: 'like @eli did' } },
    { text: 'review request <https://zoom.us/rec/3|my Acme call> please', want: { verb: 'review request', url: 'https://zoom.us/rec/3', note: 'please' } },
    { text: 'review request www.gong.io/call/9', want: { verb: 'review request', url: 'https://www.gong.io/call/9', note: '' } },
    { text: 'review request cancel', want: { verb: 'review request cancel' } },
    { text: 'review request Withdraw', want: { verb: 'review request cancel' } },
    // A link after cancel names its request; anything else (a number, words) lists them, never a guess.
    { text: 'review request cancel https://zoom.us/rec/w1', want: { verb: 'review request cancel', which: { kind: 'link', url: 'https://zoom.us/rec/w1' } } },
    { text: 'review request cancel <https://zoom.us/rec/w1|my Acme call>', want: { verb: 'review request cancel', which: { kind: 'link', url: 'https://zoom.us/rec/w1' } } },
    { text: 'review request withdraw www.gong.io/call/9', want: { verb: 'review request cancel', which: { kind: 'link', url: 'https://www.gong.io/call/9' } } },
    { text: 'review request cancel 2', want: { verb: 'review request cancel', which: { kind: 'list' } } },
    { text: 'review request cancel the acme one', want: { verb: 'review request cancel', which: { kind: 'list' } } },
    { text: 'review request cancel https://zoom.us/rec/w1 https://zoom.us/rec/w2', want: { verb: 'review request cancel', which: { kind: 'list' } } },
    { text: 'review request cancel javascript:alert(1)', want: { verb: 'review request cancel', which: { kind: 'list' } } },
    // `/coach review cancel` is pointed at the request command, not asked whose call it is.
    { text: 'review cancel', want: /use `\/coach review request cancel`/ },
    { text: 'review withdraw https://zoom.us/rec/w1', want: /use `\/coach review request cancel`/ },
    { text: 'review request <@U0REP2> https://zoom.us/rec/1', want: /names nobody before the link/ },
    { text: 'review request @eli https://zoom.us/rec/1', want: /names nobody before the link/ },
    { text: 'review request https://exa mple.com/a', want: /That link looks broken: a link has no spaces in it/ },
    { text: 'review request https://zoom.us/rec/ab cd/ef', want: /a link has no spaces/ },
    { text: 'review request https://zoom.us/rec/1 Globex. Thanks!', want: { verb: 'review request', url: 'https://zoom.us/rec/1', note: 'Globex. Thanks!' } },
    { text: 'exemplar add demo <https://zoom.us/rec/5|Great demo> Great demo', want: { verb: 'exemplar add', stage: 'demo', url: 'https://zoom.us/rec/5', title: 'Great demo' } },
    { text: 'exemplar add demo https://user:pw@zoom.us/rec/5 Great demo', want: /user name or password/ },
    { text: 'exemplar add demo javascript:alert(1) Great demo', want: /Only http and https/ },
  ];
  it.each(scenarios)('$text', ({ text, want }) => {
    const got = parseCoachCommand(text);
    if (want instanceof RegExp) {
      expect(got.verb).toBe('invalid');
      expect(got.verb === 'invalid' ? got.message : '').toMatch(want);
    } else expect(got).toEqual(want);
  });

  it('usage and refusals never carry a raw <link> token', () => {
    for (const text of ['review', 'review cancel', 'review request <@U0REP2> https://zoom.us/rec/1', 'review <@U0A> <@U0B> https://zoom.us/rec/1']) {
      const got = parseCoachCommand(text);
      expect(got.verb === 'invalid' ? got.message : '').not.toMatch(/<link>/);
    }
  });
});

describe('commandWords', () => {
  const scenarios = [
    { text: 'a  <https://x.example/1|two words> b', want: ['a', '<https://x.example/1|two words>', 'b'] },
    { text: '<@U1|dana smith> hi', want: ['<@U1|dana smith>', 'hi'] },
    { text: '', want: [] },
  ];
  it.each(scenarios)('$text', ({ text, want }) => expect(commandWords(text)).toEqual(want));
});

describe('continuesLink: the word after a link is the rest of it', () => {
  const scenarios = [
    { word: 'mple.com/a', want: true },
    { word: 'cd/ef', want: true },
    { word: 'example.com', want: true },
    { word: 'Globex.', want: false },
    { word: 'acme', want: false },
    { word: '', want: false },
    { word: '<https://a.example>', want: false },
  ];
  it.each(scenarios)('$word → $want', ({ word, want }) => expect(continuesLink(word)).toBe(want));
});

describe('checkRecordingLink: www.', () => {
  const scenarios = [
    { raw: 'www.gong.io/call/1', want: { ok: true, url: 'https://www.gong.io/call/1' } },
    { raw: '<http://www.gong.io/call/1|www.gong.io/call/1>', want: { ok: true, url: 'http://www.gong.io/call/1' } },
    { raw: 'www.', want: { ok: false } },
  ];
  it.each(scenarios)('$raw', ({ raw, want }) => expect(checkRecordingLink(raw)).toMatchObject(want));
});

describe('messages with names', () => {
  const party = (over: Partial<TReviewParty> & { id: number }): TReviewParty => ({ name: `P${over.id}`, role: 'rep', isAdmin: false, managerId: null, isBot: false, isDeleted: false, ...over });
  const manager = party({ id: 1, role: 'manager' });
  const scenarios = [
    { who: 'a bot', target: party({ id: 9, name: 'Bot <!channel>', isBot: true }), actor: manager, want: 'Bot &lt;!channel&gt; is a bot, so there is no call of theirs to review.' },
    { who: 'a peer', target: party({ id: 10, name: 'A & B', managerId: 1 }), actor: party({ id: 11, managerId: 1 }), want: /^Only A &amp; B's manager .* `\/coach review request &lt;link&gt;`\.$/ },
    { who: 'another team', target: party({ id: 10, name: '@here', managerId: 5 }), actor: manager, want: /^@\u200Bhere isn't on your team/ },
  ];
  it.each(scenarios)('$who', ({ actor, target, want }) => {
    const got = reviewAccess(actor, target);
    expect(got.kind === 'refuse' ? got.message : '').toMatch(want);
  });

  it('mrkdwnText escapes; plainMessage reads it back for a modal field (no backticks, no entities)', () => {
    expect(mrkdwnText('<@U1> & <!here>')).toBe('&lt;@U1&gt; &amp; &lt;!here&gt;');
    expect(plainMessage("Only A &amp; B's manager; use `/coach review request &lt;link&gt;`.")).toBe("Only A & B's manager; use /coach review request <link>.");
  });

  it('requests expire 30 days after they were made', () => {
    expect(requestsExpireBefore(new Date('2027-01-02T16:00:00Z')).toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });
});

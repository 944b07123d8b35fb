import { describe, expect, it } from 'vitest';
import { canReadReview, checkRecordingLink, linksInMessage, requestAccess, reviewAccess, type TReviewParty } from '../../src/domain/call-reviews';
import { parseCoachCommand, REVIEW_USAGE } from '../../src/domain/command-text';
import { defaultOneThingStage, readCallWords, stageNamed, type TReviewStage } from '../../src/domain/review-form';

describe('checkRecordingLink', () => {
  const scenarios: { raw: string; want: string | RegExp }[] = [
    { raw: 'https://app.gong.io/call?id=123', want: 'https://app.gong.io/call?id=123' },
    { raw: 'https://us02web.zoom.us/rec/share/AbC-123', want: 'https://us02web.zoom.us/rec/share/AbC-123' },
    { raw: 'https://drive.google.com/file/d/1x2y/view', want: 'https://drive.google.com/file/d/1x2y/view' },
    { raw: 'http://chorus.ai/meeting/42', want: 'http://chorus.ai/meeting/42' },
    { raw: '  https://APP.GONG.IO/call  ', want: 'https://app.gong.io/call' },
    { raw: '<https://app.gong.io/call?id=9>', want: 'https://app.gong.io/call?id=9' },
    { raw: '<https://app.gong.io/call?id=9|the Acme call>', want: 'https://app.gong.io/call?id=9' },
    { raw: 'javascript:alert(1)', want: /Only http and https/ },
    { raw: 'ftp://files.example.com/rec.mp4', want: /Only http and https/ },
    { raw: 'data:text/html,<b>x</b>', want: /Only http and https/ },
    { raw: 'https://app.gong.io/my call', want: /no spaces/ },
    { raw: 'https://user:secret@app.gong.io/call', want: /user name or password/ },
    { raw: `https://example.com/${'a'.repeat(1_000)}`, want: /longer than 1000/ },
    { raw: 'app.gong.io/call', want: /doesn't look like a web address/ },
    { raw: '', want: /Which call\?/ },
  ];
  it.each(scenarios)('$raw', ({ raw, want }) => {
    const got = checkRecordingLink(raw);
    if (typeof want === 'string') expect(got).toEqual({ ok: true, url: want });
    else {
      expect(got.ok).toBe(false);
      expect(got.ok ? '' : got.message).toMatch(want);
    }
  });
});

describe('linksInMessage', () => {
  const scenarios = [
    { text: 'Listen to <https://app.gong.io/call?id=1|this one> please', want: ['https://app.gong.io/call?id=1'] },
    { text: 'bare https://zoom.us/rec/1, and <https://zoom.us/rec/1> again', want: ['https://zoom.us/rec/1'] },
    { text: 'two: <https://a.example/1> then https://b.example/2.', want: ['https://a.example/1', 'https://b.example/2'] },
    { text: '<mailto:a@b.c|mail> and <ftp://x/y>', want: [] },
    { text: 'no link here <@U123> <!channel>', want: [] },
  ];
  it.each(scenarios)('$text', ({ text, want }) => expect(linksInMessage(text)).toEqual(want));
});

const person = (over: Partial<TReviewParty> & { id: number }): TReviewParty => ({ name: `P${over.id}`, role: 'rep', isAdmin: false, managerId: null, isBot: false, isDeleted: false, ...over });
const manager = person({ id: 1, role: 'manager' });
const otherManager = person({ id: 2, role: 'manager' });
const admin = person({ id: 3, role: 'admin', isAdmin: true });
const rep = person({ id: 10, managerId: 1, name: 'Dana' });
const peer = person({ id: 11, managerId: 1 });
const loner = person({ id: 12 });

describe('reviewAccess', () => {
  const scenarios = [
    { who: 'the rep’s manager', actor: manager, target: rep, want: { kind: 'review' } },
    { who: 'an admin', actor: admin, target: rep, want: { kind: 'review' } },
    { who: 'another manager', actor: otherManager, target: rep, want: /isn't on your team/ },
    { who: 'a peer rep', actor: peer, target: rep, want: /Only Dana's manager/ },
    { who: 'the rep themselves, with a manager', actor: rep, target: rep, want: { kind: 'request', managerId: 1 } },
    { who: 'the rep themselves, without a manager', actor: loner, target: loner, want: /no manager in Canopy/ },
    { who: 'a bot', actor: manager, target: { ...rep, isBot: true }, want: /is a bot/ },
    { who: 'a deleted rep', actor: admin, target: { ...rep, isDeleted: true }, want: /no longer active/ },
  ];
  it.each(scenarios)('$who', ({ actor, target, want }) => {
    const got = reviewAccess(actor, target);
    if (want instanceof RegExp) {
      expect(got.kind).toBe('refuse');
      expect(got.kind === 'refuse' ? got.message : '').toMatch(want);
    } else expect(got).toEqual(want);
  });

  it('requestAccess: someone to ask, or a reason', () => {
    expect(requestAccess(rep)).toEqual({ kind: 'request', managerId: 1 });
    expect(requestAccess(loner).kind).toBe('refuse');
  });
});

describe('canReadReview', () => {
  const review = { repId: 10, repManagerId: 1 };
  const scenarios = [
    { who: 'the rep', viewer: { id: 10, isAdmin: false }, want: true },
    { who: 'their manager', viewer: { id: 1, isAdmin: false }, want: true },
    { who: 'an admin', viewer: { id: 3, isAdmin: true }, want: true },
    { who: 'another manager', viewer: { id: 2, isAdmin: false }, want: false },
    { who: 'a peer', viewer: { id: 11, isAdmin: false }, want: false },
  ];
  it.each(scenarios)('$who', ({ viewer, want }) => expect(canReadReview(viewer, review)).toBe(want));
  it('a rep without a manager: nobody but them and admins', () => {
    expect(canReadReview({ id: 1, isAdmin: false }, { repId: 10, repManagerId: null })).toBe(false);
  });
});

describe('parseCoachCommand: review', () => {
  const scenarios = [
    { text: 'review', want: { verb: 'invalid', message: REVIEW_USAGE } },
    { text: 'review <@U0DANA|dana> <https://app.gong.io/call?id=7>', want: { verb: 'review', userId: 'U0DANA', userName: 'dana', url: 'https://app.gong.io/call?id=7', words: [] } },
    { text: 'review <@U0DANA> https://zoom.us/rec/1 acme rockets demo', want: { verb: 'review', userId: 'U0DANA', url: 'https://zoom.us/rec/1', words: ['acme', 'rockets', 'demo'] } },
    { text: 'review request <https://app.gong.io/call?id=8>', want: { verb: 'review request', url: 'https://app.gong.io/call?id=8', note: '' } },
    { text: 'review request https://zoom.us/rec/2 how was  my close?', want: { verb: 'review request', url: 'https://zoom.us/rec/2', note: 'how was  my close?' } },
    { text: 'review <@U0DANA> <@U0ELI> https://zoom.us/rec/1', want: /One rep at a time/ },
    { text: 'review @dana https://zoom.us/rec/1', want: /pick the person from Slack's @-autocomplete/ },
    { text: 'review https://zoom.us/rec/1', want: /Whose call\?/ },
    { text: 'review <@U0DANA>', want: /Which call\?/ },
    { text: 'review <@U0DANA> javascript:alert(1)', want: /Only http and https/ },
    { text: 'review request', want: /Which call\?/ },
    { text: 'review request ftp://x/y', want: /Only http and https/ },
    { text: 'review request <@U0DANA> https://zoom.us/rec/1', want: /names nobody/ },
  ];
  it.each(scenarios)('$text', ({ text, want }) => {
    const got = parseCoachCommand(text);
    if (want instanceof RegExp) {
      expect(got.verb).toBe('invalid');
      expect(got.verb === 'invalid' ? got.message : '').toMatch(want);
    } else expect(got).toEqual(want);
  });
});

describe('the review form’s prefill', () => {
  const stages: TReviewStage[] = [
    { key: 'discovery', name: 'Discovery', aliases: ['Qualification'] },
    { key: 'demo', name: 'Demo', aliases: ['Solution Presentation'] },
    { key: 'proposal', name: 'Proposal Sent', aliases: [] },
  ];
  const deals = [
    { id: 1, name: 'Acme Rockets' },
    { id: 2, name: 'Acme 469' },
    { id: 3, name: 'Globex Corporation' },
  ];
  const scenarios = [
    { words: [], want: {} },
    { words: ['demo'], want: { stage: 'demo' } },
    { words: ['DEMO'], want: { stage: 'demo' } },
    { words: ['proposal', 'sent'], want: { stage: 'proposal' } },
    { words: ['qualification'], want: { stage: 'discovery' } },
    { words: ['globex', 'solution', 'presentation'], want: { stage: 'demo', dealId: 3 } },
    { words: ['globex'], want: { dealId: 3 } },
    { words: ['acme'], want: { dealNote: { kind: 'several', name: 'acme' } } },
    { words: ['acme', '469', 'discovery'], want: { stage: 'discovery', dealId: 2 } },
    { words: ['acme', 'rocket'], want: { dealId: 1 } },
    { words: ['initech', 'demo'], want: { stage: 'demo', dealNote: { kind: 'none', name: 'initech' } } },
    { words: ['won'], want: { dealNote: { kind: 'none', name: 'won' } } },
  ];
  it.each(scenarios)('$words', ({ words, want }) => expect(readCallWords(words, stages, deals)).toEqual(want));

  it('stageNamed: key, name or CRM name, up to case, hyphens and underscores', () => {
    expect(stageNamed(stages, 'proposal_sent')).toBe('proposal');
    expect(stageNamed(stages, 'Solution-Presentation')).toBe('demo');
    expect(stageNamed(stages, 'negotiation')).toBeUndefined();
    expect(stageNamed(stages, ' ')).toBeUndefined();
  });

  const defaults = [
    { focus: 'demo', call: 'discovery', want: 'demo' },
    { focus: null, call: 'discovery', want: 'discovery' },
    { focus: 'negotiation', call: 'proposal', want: 'proposal' },
    { focus: null, call: undefined, want: undefined },
  ];
  it.each(defaults)('one thing’s stage: focus $focus, call $call → $want', ({ focus, call, want }) => expect(defaultOneThingStage(stages, focus, call)).toBe(want));
});

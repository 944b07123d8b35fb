import { describe, expect, it } from 'vitest';
import { REVIEW_TEXT_MAX } from '../../src/domain/call-reviews';
import { answerPlace, clipComment, mayAnswerQuestion, questionRecipient, REVIEW_COMMENT_STORED_MAX, reviewQuestionFormRef, threadChangeAction } from '../../src/domain/review-comments';
import { cutWhole } from '../../src/domain/text-cut';
import { truncate } from '../../src/slack/blocks/escape';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { renderAnswer, renderAnswerOutcome, renderQuestionOutcome, renderRelayedQuestion } from '../../src/slack/blocks/review-thread';

describe('clipComment', () => {
  const scenarios = [
    { what: 'a short question, trimmed', text: '  why stage 2?  ', want: { stored: 'why stage 2?', shownLen: 12, shownCut: 0, storedCut: 0 } },
    { what: 'exactly the shown limit', text: 'a'.repeat(REVIEW_TEXT_MAX.comment), want: { shownLen: REVIEW_TEXT_MAX.comment, shownCut: 0, storedCut: 0 } },
    { what: 'longer than shown, all kept', text: 'b'.repeat(2_000), want: { storedLen: 2_000, shownLen: REVIEW_TEXT_MAX.comment, shownCut: 500, storedCut: 0 } },
    { what: 'longer than kept', text: 'c'.repeat(5_000), want: { storedLen: REVIEW_COMMENT_STORED_MAX, shownLen: REVIEW_TEXT_MAX.comment, shownCut: 3_500, storedCut: 1_000 } },
    { what: 'empty', text: '   ', want: { stored: '', shownLen: 0, shownCut: 0, storedCut: 0 } },
  ];
  it.each(scenarios)('$what', ({ text, want }) => {
    const got = clipComment(text);
    if ('stored' in want) expect(got.stored).toBe(want.stored);
    if ('storedLen' in want) expect(got.stored).toHaveLength(want.storedLen!);
    expect(got.shown).toHaveLength(want.shownLen);
    expect([got.shownCut, got.storedCut]).toEqual([want.shownCut, want.storedCut]);
  });

  it('never splits an emoji at the cut', () => {
    const text = `${'x'.repeat(REVIEW_TEXT_MAX.comment - 1)}😀 and more`;
    const got = clipComment(text);
    expect(got.shown).toBe('x'.repeat(REVIEW_TEXT_MAX.comment - 1));
    expect(got.shownCut).toBe(text.length - got.shown.length);
  });
});

describe('answerPlace: where the answer to a rep’s question reaches them', () => {
  const scenarios = [
    { asked: 'in the review DM’s thread', ref: 'D0REP1:1700000000.000100', thread: true, want: 'thread' },
    { asked: 'with a card’s button, the review has a DM thread', ref: reviewQuestionFormRef('V0ASK1'), thread: true, want: 'dm' },
    { asked: 'with a card’s button, the review was carried (no DM thread)', ref: reviewQuestionFormRef('V0ASK1'), thread: false, want: 'dm' },
    { asked: 'in a thread that no longer exists', ref: 'D0REP1:1700000000.000100', thread: false, want: 'dm' },
    { asked: 'unknown (the question was deleted), a DM thread exists', ref: null, thread: true, want: 'thread' },
    { asked: 'unknown, no DM thread', ref: null, thread: false, want: 'dm' },
  ] as const;
  it.each(scenarios)('$asked → $want', ({ ref, thread, want }) => expect(answerPlace(ref, thread)).toBe(want));
  it('a form’s key cannot be taken for a message’s', () => expect(reviewQuestionFormRef('V1')).toBe('view:V1'));
});

describe('questionRecipient', () => {
  const rep = { id: 1, managerId: 2 };
  const manager = { id: 2, isAdmin: false, isDeleted: false };
  const formerManager = { id: 3, isAdmin: false, isDeleted: false };
  const admin = { id: 4, isAdmin: true, isDeleted: false };
  const scenarios = [
    { what: 'the reviewer is the manager', rep, reviewer: manager, manager, want: { kind: 'reviewer', id: 2 } },
    { what: 'an admin reviewer', rep, reviewer: admin, manager, want: { kind: 'reviewer', id: 4 } },
    { what: 'the reviewer no longer manages the rep', rep, reviewer: formerManager, manager, want: { kind: 'manager', id: 2 } },
    { what: 'the reviewer was forgotten', rep, reviewer: null, manager, want: { kind: 'manager', id: 2 } },
    { what: 'the reviewer was deactivated', rep, reviewer: { ...admin, isDeleted: true }, manager, want: { kind: 'manager', id: 2 } },
    { what: 'no reviewer, no manager', rep: { id: 1, managerId: null }, reviewer: formerManager, manager: null, want: { kind: 'nobody' } },
    { what: 'the manager was deactivated', rep, reviewer: null, manager: { ...manager, isDeleted: true }, want: { kind: 'nobody' } },
    { what: 'a manager row that is not the rep\'s manager', rep, reviewer: null, manager: formerManager, want: { kind: 'nobody' } },
  ];
  it.each(scenarios)('$what', ({ rep: r, reviewer, manager: m, want }) => {
    expect(questionRecipient(r, reviewer, m)).toEqual(want);
  });

  const answerers = [
    { what: 'the manager', author: manager, want: true },
    { what: 'an admin', author: admin, want: true },
    { what: 'a former manager', author: formerManager, want: false },
    { what: 'the rep themselves', author: { id: 1, isAdmin: true, isDeleted: false }, want: false },
    { what: 'a deactivated manager', author: { ...manager, isDeleted: true }, want: false },
  ];
  it.each(answerers)('may answer: $what → $want', ({ author, want }) => {
    expect(mayAnswerQuestion(author, rep)).toBe(want);
  });
});

describe('review thread renderers', () => {
  const dana = { slackUserId: 'U0REP1', name: 'Dana' };
  const morgan = { slackUserId: 'U0MGR1', name: 'Morgan' };
  const url = 'https://app.gong.io/call?id=12&x=<y>';
  const hostile = clipComment('<!channel> why & how? @here');
  const long = clipComment('q'.repeat(5_000));

  const scenarios = [
    {
      what: 'a question to the reviewer',
      out: renderRelayedQuestion({ rep: dana, url, label: 'Acme call, Wed 2 Dec', reviewer: 'you', question: hostile }),
      want: ['<@U0REP1> asked about your review of <https://app.gong.io/call?id=12&amp;x=%3Cy%3E|Acme call, Wed 2 Dec>:', '“&lt;!channel&gt; why &amp; how? @\u200Bhere”', "Reply in this thread and I'll pass it on."],
      notWant: ['<!channel>', 'manager'],
    },
    {
      what: 'a question to the manager, the reviewer gone',
      out: renderRelayedQuestion({ rep: dana, url, label: 'Acme call, Wed 2 Dec', reviewer: { name: null }, question: hostile }),
      want: ['asked about a review of', "It comes to you as <@U0REP1>'s manager."],
      notWant: ['your review'],
    },
    {
      what: 'a long question relayed',
      out: renderRelayedQuestion({ rep: dana, url, label: 'Acme call, Wed 2 Dec', reviewer: { name: 'Olga <x>' }, question: long }),
      want: ["Olga &lt;x&gt;'s review", '…”', 'The question was longer; this is its first 1,500 characters.'],
      notWant: [],
    },
    { what: 'sent', out: renderQuestionOutcome({ kind: 'sent', to: morgan, question: hostile }), want: ['Sent to <@U0MGR1>. Their answer will appear here.'], notWant: ['long'] },
    {
      what: 'sent, long',
      out: renderQuestionOutcome({ kind: 'sent', to: morgan, question: long }),
      want: ['<@U0MGR1> sees its first 1,500 characters', 'I kept its first 4,000 characters; the last 1,000 were cut'],
      notWant: [],
    },
    { what: 'sent under an answer DM, the review has a DM thread', out: renderQuestionOutcome({ kind: 'sent', to: morgan, question: hostile, answerIn: 'review thread' }), want: ['Sent to <@U0MGR1>. Their answer will appear in the thread of my message with the review.'], notWant: ['appear here'] },
    { what: 'sent under an answer DM, no review thread', out: renderQuestionOutcome({ kind: 'sent', to: morgan, question: hostile, answerIn: 'dm' }), want: ['Sent to <@U0MGR1>. Their answer will come to you as a DM from me.'], notWant: ['appear here'] },
    { what: 'nobody', out: renderQuestionOutcome({ kind: 'nobody', question: hostile }), want: ["There's nobody I can pass this to", 'next 1:1'], notWant: ['long'] },
    { what: 'not sent', out: renderQuestionOutcome({ kind: 'not sent' }), want: ['send it again'], notWant: [] },
    { what: 'an answer', out: renderAnswer({ author: morgan, answer: hostile }), want: ['<@U0MGR1> answered:\n“&lt;!channel&gt; why'], notWant: ['<!channel>'] },
    {
      what: 'a 1,500-character question of & < >: clipped after escaping, the instruction kept',
      out: renderRelayedQuestion({ rep: dana, url: `https://zoom.us/rec/${'&'.repeat(900)}`, label: 'zoom.us call, Wed 2 Dec', reviewer: { name: 'Olga' }, question: clipComment('<&>'.repeat(500)) }),
      want: ["It comes to you as <@U0REP1>'s manager.", "Reply in this thread and I'll pass it on.", 'The question was longer than one message holds; this is its start.'],
      notWant: ['<&', '<!'],
    },
    {
      what: 'a 1,500-character answer of & < >',
      out: renderAnswer({ author: morgan, answer: clipComment('>'.repeat(1_500)) }),
      want: ['<@U0MGR1> answered:', 'The answer was longer than one message holds; this is its start.'],
      notWant: [],
    },
    { what: 'an answer passed on', out: renderAnswerOutcome({ kind: 'sent', rep: dana, answer: hostile }), want: ['Sent to <@U0REP1>.'], notWant: [] },
    { what: 'an answer refused', out: renderAnswerOutcome({ kind: 'refused', rep: dana }), want: ["You're not <@U0REP1>'s manager, so I didn't pass this on"], notWant: [] },
  ];
  it.each(scenarios)('$what', ({ out, want, notWant }) => {
    const all = `${out.text}\n${JSON.stringify(out.blocks)}`;
    for (const w of want) expect(out.text).toContain(w);
    for (const w of notWant) expect(all).not.toContain(w);
    expect(findLimitViolations(out.blocks)).toEqual([]);
  });
});

describe('the last block of a relayed question is always the instruction', () => {
  const questions = ['ok', '&'.repeat(1_500), 'x'.repeat(5_000), '<>'.repeat(750), '😀'.repeat(750)];
  it.each(questions.map((q) => [q.slice(0, 12), q]))('%s…', (_, q) => {
    const out = renderRelayedQuestion({ rep: { slackUserId: 'U0REP1', name: 'Dana' }, url: 'https://zoom.us/rec/1', label: 'zoom.us call, Wed 2 Dec', reviewer: 'you', question: clipComment(q) });
    expect(out.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(JSON.stringify(out.blocks.at(-1))).toContain("Reply in this thread and I'll pass it on.");
    const quoted = (out.blocks[1] as { text: { text: string } }).text.text;
    expect(quoted.endsWith('”')).toBe(true);
    expect(quoted.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    expect(findLimitViolations(out.blocks)).toEqual([]);
  });
});

describe('cutWhole (shared by clipComment and truncate)', () => {
  const scenarios = [
    { text: 'abc', max: 5, want: 'abc' },
    { text: 'abcdef', max: 3, want: 'abc' },
    { text: 'ab😀c', max: 3, want: 'ab' },
    { text: 'ab😀c', max: 4, want: 'ab😀' },
    { text: 'abc', max: 0, want: '' },
  ];
  it.each(scenarios)('$text at $max → $want', ({ text, max, want }) => expect(cutWhole(text, max)).toBe(want));
  it('truncate keeps its ellipsis and never splits an emoji', () => expect(truncate('ab😀cd', 4)).toBe('ab…'));
});

describe('threadChangeAction: edits and deletions follow', () => {
  const base = { byAuthor: true, text: 'new words', relayed: true, isQuestion: true, mayPassOn: true };
  const scenarios = [
    { what: 'a question deleted', change: { ...base, kind: 'deleted' as const, byAuthor: false }, want: { kept: 'remove', copy: 'remove' } },
    { what: 'a question kept for the 1:1 (no copy) deleted', change: { ...base, kind: 'deleted' as const, relayed: false }, want: { kept: 'remove', copy: 'keep' } },
    { what: 'an answer deleted by someone who lost the rep', change: { ...base, kind: 'deleted' as const, isQuestion: false, mayPassOn: false }, want: { kept: 'remove', copy: 'remove' } },
    { what: 'a question edited', change: { ...base, kind: 'edited' as const }, want: { kept: 'update', copy: 'update' } },
    { what: 'a question edited, no copy', change: { ...base, kind: 'edited' as const, relayed: false }, want: { kept: 'update', copy: 'keep' } },
    { what: "a question edited, the copy's holder lost the rep", change: { ...base, kind: 'edited' as const, mayPassOn: false }, want: { kept: 'update', copy: 'keep' } },
    { what: 'an answer edited', change: { ...base, kind: 'edited' as const, isQuestion: false }, want: { kept: 'update', copy: 'update' } },
    { what: 'an answer edited by someone who lost the rep', change: { ...base, kind: 'edited' as const, isQuestion: false, mayPassOn: false }, want: { kept: 'keep', copy: 'keep' } },
    { what: "an edit not by the author", change: { ...base, kind: 'edited' as const, byAuthor: false }, want: { kept: 'keep', copy: 'keep' } },
    { what: 'an edit to nothing', change: { ...base, kind: 'edited' as const, text: '' }, want: { kept: 'keep', copy: 'keep' } },
  ];
  it.each(scenarios)('$what', ({ change, want }) => expect(threadChangeAction(change)).toEqual(want));
});

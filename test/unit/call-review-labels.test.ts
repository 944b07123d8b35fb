import type { AnyBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { clipComment } from '../../src/domain/review-comments';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { renderReviewModal, renderReviewRequested } from '../../src/slack/blocks/review-modal';
import { renderWithdrawRequest } from '../../src/slack/blocks/review-requests';
import { renderRelayedQuestion } from '../../src/slack/blocks/review-thread';

/*
 * Every message naming a review or a request names it as every other surface does (`reviewLabel`: 'gong.io call,
 * Wed 2 Dec'), never by its raw link; the label comes from the services, escaped and on the recording link.
 */

const URL = 'https://app.gong.io/call?id=42&team=west';
const LINK = '<https://app.gong.io/call?id=42&amp;team=west|gong.io call, Wed 2 Dec>';
const RAW = 'app.gong.io/call?id=42';
const dana = { slackUserId: 'U0REP1', name: 'Dana' };
const form = (label: string) =>
  renderReviewModal({ rep: { id: 1, name: 'Dana' }, url: URL, request: { id: 9, note: 'the Acme call', label }, deals: [], stages: [], exemplars: [] });

const scenarios: { what: string; render: (label: string) => { blocks: AnyBlock[] } }[] = [
  { what: 'the question passed to the manager', render: (label) => renderRelayedQuestion({ rep: dana, url: URL, label, reviewer: { name: 'Ava' }, question: clipComment('why?') }) },
  { what: 'the request confirmation', render: (label) => renderReviewRequested({ kind: 'requested', managerName: 'Morgan', url: URL, label, oneOnOneText: null }) },
  { what: 'the request asked already', render: (label) => renderReviewRequested({ kind: 'already', managerName: 'Morgan', url: URL, label, oneOnOneText: 'Thu 3 Dec' }) },
  { what: 'the header of the form opened from a request', render: form },
  { what: 'the request taken back', render: (label) => renderWithdrawRequest({ kind: 'withdrawn', url: URL, label }) },
  { what: 'no open request for that link', render: (label) => renderWithdrawRequest({ kind: 'no such', url: URL, label, others: 1 }) },
];

describe.each(scenarios)('$what names the review by its label', ({ render }) => {
  it('the label on the recording link, never the raw link as its text', () => {
    const out = render('gong.io call, Wed 2 Dec');
    const json = JSON.stringify(out.blocks);
    expect(json).toContain(LINK);
    expect(json).not.toContain(`|${RAW}`);
    expect(findLimitViolations(out.blocks as KnownBlock[])).toEqual([]);
  });

  it('a hostile label stays inert', () => {
    const json = JSON.stringify(render('<!channel> Acme | <@U0X> call, Wed 2 Dec').blocks);
    expect(json).not.toMatch(/<!channel>|<@U0X>/);
    expect(json).toContain('&lt;!channel&gt; Acme');
  });
});

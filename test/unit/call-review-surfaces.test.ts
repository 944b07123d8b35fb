import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { FORMER_COLLEAGUE, recordingSite, reviewLabel, triedText } from '../../src/domain/call-reviews';
import { reviewsBlocks } from '../../src/slack/blocks/home-rep';
import { carriedReviewBlocks, renderReviewDm } from '../../src/slack/blocks/review-dm';
import type { TAskableReview, THomeReviews } from '../../src/slack/blocks/view-models/call-reviews';

/* One review, shown the same way on every surface the rep reads it: its name, its stage, its tried state. */

const DEC4 = new Date('2026-12-04T15:00:00Z');

describe('recordingSite: a recording named by its registered site', () => {
  it.each([
    ['https://app.gong.io/call?id=42&t=30', 'gong.io'],
    ['https://us02web.zoom.us/rec/share/abc', 'zoom.us'],
    ['https://zoom.us/rec/share/abc', 'zoom.us'],
    ['https://www.chorus.ai/meeting/1', 'chorus.ai'],
    ['https://drive.google.com/file/d/1', 'google.com'],
    ['https://media.bbc.co.uk/x', 'bbc.co.uk'],
    ['https://localhost/x', 'localhost'],
    ['https://10.0.0.7/rec', '10.0.0.7'],
    ['not a url', 'recorded'],
  ])('%s → %s', (url, want) => expect(recordingSite(url)).toBe(want));
});

describe('reviewLabel: the deal and the day, else the site and the day, in the reader’s zone', () => {
  it.each([
    { what: 'with a deal', deal: 'Dunder Mifflin 231', zone: 'America/New_York', want: 'Dunder Mifflin 231 call, Fri 4 Dec' },
    { what: 'without a deal', deal: null, zone: 'America/New_York', want: 'gong.io call, Fri 4 Dec' },
    { what: 'a blank deal name reads as no deal', deal: '  ', zone: 'UTC', want: 'gong.io call, Fri 4 Dec' },
    { what: 'the day in the reader’s zone', deal: null, zone: 'Pacific/Auckland', want: 'gong.io call, Sat 5 Dec' },
    { what: 'a deal name on one line, clipped', deal: `Acme\n${'x'.repeat(100)}`, zone: 'UTC', want: `Acme ${'x'.repeat(54)}… call, Fri 4 Dec` },
  ])('$what', ({ deal, zone, want }) => expect(reviewLabel({ url: 'https://app.gong.io/call?id=42&t=30', dealName: deal, at: DEC4 }, zone)).toBe(want));
});

describe('triedText: one wording', () => {
  it.each([
    [true, null, 'You tried it'],
    [true, 'Dana', 'Dana tried it'],
    [false, null, 'not tried yet'],
    [false, 'Dana', 'not tried yet'],
  ] as const)('%s, %s → %s', (tried, who, want) => expect(triedText(tried, who)).toBe(want));
});

const review = (over: Partial<TAskableReview> = {}): TAskableReview => ({
  id: 7,
  url: 'https://app.gong.io/call?id=42&t=30',
  label: 'Dunder Mifflin 231 call, Fri 4 Dec',
  reviewerName: 'Ava',
  askName: 'Ava',
  sharedAgo: '3 days ago',
  dealName: 'Dunder Mifflin 231',
  callStageName: 'Discovery',
  wentWell: 'You let them talk.',
  oneThing: 'Ask who else decides.',
  oneThingStageName: 'Discovery',
  exemplar: { title: 'Discovery that finds the real problem', url: 'https://app.gong.io/call?id=99' },
  tried: false,
  ...over,
});
const home = (r: TAskableReview): THomeReviews => ({ recent: [r], olderOpen: [], olderOpenMore: 0, requests: [], managerName: 'Ava', canAsk: true });

/** Every surface the rep reads a review on, as the JSON of its blocks. */
const surfaces: Record<string, (r: TAskableReview) => KnownBlock[]> = {
  dm: (r) => renderReviewDm({ ...r, budget: { max: 3, per: 'week' } }).blocks,
  digest: (r) => carriedReviewBlocks([r]),
  home: (r) => reviewsBlocks(home(r)),
};

describe.each(Object.entries(surfaces))('the review on the %s', (_, render) => {
  const json = (r: TAskableReview) => JSON.stringify(render(r));

  it('names the recording by its label, with the link on it', () => {
    expect(json(review())).toContain('<https://app.gong.io/call?id=42&amp;t=30|Dunder Mifflin 231 call, Fri 4 Dec>');
    expect(json(review({ dealName: null, label: 'gong.io call, Fri 4 Dec' }))).toContain('|gong.io call, Fri 4 Dec>');
  });

  it('names the stage the same way, and nothing for a review without one', () => {
    expect(json(review())).toContain('One thing');
    expect(json(review())).toMatch(/One thing( to work on)? \(Discovery\)/);
    const none = json(review({ oneThingStageName: null }));
    expect(none).not.toMatch(/No stage|any stage|\(\)/);
  });

  it('says "You tried it" with Undo once tried, "I tried it" before, in the same block', () => {
    const open = render(review()).find((b) => 'block_id' in b && b.block_id === 'review_tried_state:7');
    expect(JSON.stringify(open)).toContain('"I tried it"');
    const tried = JSON.stringify(render(review({ tried: true })).find((b) => 'block_id' in b && b.block_id === 'review_tried_state:7'));
    expect(tried).toContain(':white_check_mark: You tried it.');
    expect(tried).toContain('"Undo"');
    expect(json(review({ tried: true }))).not.toMatch(/tried ✓|marked the one thing/);
  });

  it('shows what went well beside the one thing', () => {
    expect(json(review())).toContain('You let them talk.');
    expect(json(review())).toContain('Ask who else decides.');
  });

  it.each([
    { what: 'the reviewer', askName: 'Ava Reviewer', button: 'Ask Ava a question' },
    { what: 'the rep’s new manager (the reviewer lost the rep)', askName: 'Olga Other', button: 'Ask Olga a question' },
    { what: 'nobody', askName: null, button: 'Ask your manager a question' },
  ])('names who a question goes to now on its Ask button (a card or Home; the DM says it in its thread hint): $what', ({ askName, button }) => {
    if (render === surfaces.dm) return expect(json(review({ askName }))).not.toContain('review_ask:7');
    const ask = render(review({ reviewerName: 'Ava Reviewer', askName })).find((b) => 'block_id' in b && b.block_id === 'review_ask:7');
    expect(JSON.stringify(ask)).toContain(`"${button}"`);
  });

  it('names a forgotten reviewer as a former colleague', () => {
    expect(json(review({ reviewerName: null })).toLowerCase()).toContain(FORMER_COLLEAGUE);
  });

  it('keeps a hostile deal name, label and texts inert', () => {
    const hostile = '<!channel> <!here> <@U0AAA> <https://evil.example|click>';
    const out = json(review({ label: `${hostile} call, Fri 4 Dec`, dealName: hostile, wentWell: hostile, oneThing: hostile, reviewerName: hostile, exemplar: { title: hostile, url: 'https://x.example/<!channel>' } }));
    expect(out).not.toMatch(/<!channel>|<!here>|<@U0AAA>|<https:\/\/evil/);
  });
});

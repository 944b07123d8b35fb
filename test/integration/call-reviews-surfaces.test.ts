import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TDb } from '../../db/client';
import { insertCallReview, insertReviewComment, type TCallReviewRow } from '../../db/repositories/call-reviews';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { s } from '../support/tables';
import { findPersonBySlackId, promoteToManager, setManager, type TPersonRow } from '../../db/repositories/people';
import { demoCommand } from '../../src/cli/demo/index';
import { getBriefReviews } from '../../src/services/call-reviews/get-brief-reviews';
import { previewBrief } from '../../src/services/briefs/preview-brief';
import { getFocus } from '../../src/services/coaching/get-focus';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { getHome } from '../../src/services/home/get-home';
import { exportPersonalData } from '../../src/services/privacy/export-personal-data';
import { forgetPerson } from '../../src/services/privacy/forget-person';
import { describePersonalData } from '../../src/services/privacy/describe-personal-data';
import { briefToPlainText, renderBrief } from '../../src/slack/blocks/brief';
import { renderHome, renderHomePlainText } from '../../src/slack/blocks/home';
import { findLimitViolations, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import { REVIEW_IDS } from '../../src/slack/blocks/review-ids';
import { addPerson, memoryDb } from '../support/db';

const { deliveries } = s;

const WS = 'T0REVIEWS';
const NOW = new Date('2026-12-07T15:00:00Z'); // a Monday
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const HOSTILE = '<!channel> <!here> @everyone <@U0AAA> <https://evil.example|click>';
const pings = (text: string) => text.match(/<!(channel|here|everyone)>|<@U0AAA>|<https:\/\/evil|(^|\s)@everyone/g) ?? [];

type TButton = { type: string; action_id: string; value: string };
const accessoryButtons = (blocks: readonly unknown[]) =>
  (blocks as { accessory?: TButton }[]).map((b) => b.accessory).filter((a): a is TButton => a?.type === 'button');

describe('call reviews on the Home tab, in the brief and in /coach focus (migrated SQLite)', () => {
  let db: TDb;
  let morgan: TPersonRow;
  let dana: TPersonRow;
  let lee: TPersonRow;
  const person = async (p: TPersonRow) => (await findPersonBySlackId(db, WS, p.slackUserId))!;

  beforeEach(async () => {
    db = await memoryDb();
    morgan = await addPerson(db, WS, 'U0MORGAN', { name: 'Morgan Manager' });
    await promoteToManager(db, morgan);
    dana = await addPerson(db, WS, 'U0DANA', { name: 'Dana Rep' });
    lee = await addPerson(db, WS, 'U0LEE', { name: 'Lee Alone' });
    await setManager(db, dana.id, morgan.id);
    dana = await person(dana);
    morgan = await person(morgan);
  });

  const share = async (n: number, over: Partial<typeof import('../../db/schema/index').callReviews.$inferInsert> = {}): Promise<TCallReviewRow> =>
    await insertCallReview(db, {
      workspaceId: WS, repId: dana.id, reviewerId: morgan.id, url: `https://app.gong.io/call?id=${n}`, status: 'shared',
      wentWell: `Went well ${n}`, oneThing: `One thing ${n}`, oneThingStage: 'demo', sharedAt: daysAgo(n), createdAt: daysAgo(n), ...over,
    });
  const ask = (n: number, note: string | null = `Please look at call ${n}`) =>
    insertCallReview(db, { workspaceId: WS, repId: dana.id, url: `https://zoom.us/rec/share/${n}`, status: 'requested', requestNote: note, requestedAt: daysAgo(n), createdAt: daysAgo(n) });

  describe('Home tab', () => {
    it('without reviews: one line on how to ask, and nothing at all for someone with no manager to ask', async () => {
      const home = await getHome(db, dana, NOW);
      expect(home.reviews).toMatchObject({ recent: [], olderOpen: [], requests: [], canAsk: true });
      expect(renderHomePlainText(home)).toContain('Call reviews — none yet. For feedback on one of your calls, `/coach review request <link>` asks your manager.');
      expect(renderHomePlainText(await getHome(db, lee, NOW))).not.toContain('Call reviews');
      // A manager's Home shows no hint about reviews of their own calls.
      expect(renderHomePlainText(await getHome(db, morgan, NOW))).not.toContain('Call reviews');
    });

    it('the last 3 reviews (tried or "I tried it"), older open one things, and open requests; text inert, within limits', async () => {
      const tried = await share(1, { triedAt: daysAgo(0.5), oneThing: HOSTILE, dealId: null });
      await share(2);
      await share(3, { oneThingStage: 'discovery' });
      const olderOpen = await share(10);
      await share(11, { triedAt: daysAgo(9) });
      for (let i = 20; i < 25; i++) await share(i);
      await ask(4, HOSTILE);
      // Someone else's review is never on Dana's tab.
      await insertCallReview(db, { workspaceId: WS, repId: lee.id, reviewerId: morgan.id, url: 'https://rec.example/lee', status: 'shared', oneThing: 'Lee only', oneThingStage: 'demo', sharedAt: daysAgo(1) });

      const view = await getHome(db, dana, NOW);
      expect(view.reviews!.recent.map((r) => r.id)).toEqual([tried.id, tried.id + 1, tried.id + 2]);
      expect(view.reviews!.olderOpen.map((r) => r.url)).toEqual(['https://app.gong.io/call?id=10', 'https://app.gong.io/call?id=20', 'https://app.gong.io/call?id=21']);
      expect(view.reviews!.olderOpenMore).toBe(3);
      const home = renderHome(view);
      const text = renderHomePlainText(view);
      expect(text).toContain('from Morgan Manager, 2 days ago');
      expect(text).toContain('One thing (Discovery): One thing 3');
      expect(text).toContain('✔ You tried it');
      expect(text).toContain('Still to try — from earlier reviews');
      expect(text).toContain('…and 3 more. Mark the ones above as tried to see the rest.');
      expect(text).toContain('You asked Morgan Manager about zoom.us call, Thu 3 Dec (https://zoom.us/rec/share/4) — “');
      expect(text).not.toContain('Lee only');
      // "I tried it" on each open one thing, never on a tried one; the value is the review id.
      const buttons = accessoryButtons(home.blocks).filter((b) => b.action_id === REVIEW_IDS.tried);
      expect(buttons.map((b) => b.value)).toEqual([String(tried.id + 1), String(tried.id + 2), String(olderOpen.id), String(olderOpen.id + 2), String(olderOpen.id + 3)]);
      expect(pings(JSON.stringify(home.blocks))).toEqual([]);
      expect(home.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
      expect(findLimitViolations(home.blocks, MAX_VIEW_BLOCKS)).toEqual([]);
      expect(JSON.stringify(home.blocks)).toContain('<https://app.gong.io/call?id=1|gong.io call, Sun 6 Dec>');
      // Never the one thing without what went well, on every review listed.
      expect(text.match(/What went well: |Went well: /g)).toHaveLength(6);
      expect(text).toContain('What went well: Went well 2');
      // The section stays within its budget of blocks.
      const start = home.blocks.findIndex((b) => b.type === 'section' && JSON.stringify(b).includes('*Call reviews*'));
      const end = home.blocks.findIndex((b, i) => i > start && b.type === 'divider');
      expect((end === -1 ? home.blocks.length : end) - start + 1).toBeLessThanOrEqual(18);
      // Each review listed has its "Ask … a question" button, the tried one too.
      const asks = home.blocks.flatMap((b) => (b.type === 'actions' ? (b as { elements: { action_id?: string; value?: string }[] }).elements : [])).filter((e) => e.action_id === REVIEW_IDS.ask);
      expect(asks.map((e) => e.value)).toEqual([String(tried.id), ...buttons.map((b) => b.value)]);
    });
  });

  describe('brief', () => {
    it('no section at all when the rep has no reviews and no requests', async () => {
      const preview = await previewBrief(db, dana, NOW);
      expect(preview.manager?.id).toBe(morgan.id);
      const text = briefToPlainText(preview.manager ? preview.brief : (undefined as never));
      expect(text).not.toMatch(/Call reviews|asked for feedback/);
    });

    it('reviews since the previous 1:1 with tried or not and the questions asked; requests with "Review this call", at most 3 + 2', async () => {
      await share(40); // before the previous 1:1: not in this brief
      const recent = await share(2);
      await share(3, { triedAt: daysAgo(1) });
      await insertReviewComment(db, { workspaceId: WS, reviewId: recent.id, authorId: dana.id, text: 'First question', sourceRef: 'D1:1', createdAt: daysAgo(1.5) });
      await insertReviewComment(db, { workspaceId: WS, reviewId: recent.id, authorId: morgan.id, text: 'An answer', sourceRef: 'D2:1', createdAt: daysAgo(1.4) });
      await insertReviewComment(db, { workspaceId: WS, reviewId: recent.id, authorId: dana.id, text: `Second ${HOSTILE} ${'x'.repeat(300)}`, sourceRef: 'D1:2', createdAt: daysAgo(1) });
      const first = await ask(5, 'the Globex negotiation call');
      await ask(4);
      await ask(3);

      const sinceMeeting = await getBriefReviews(db, dana, { previousStart: daysAgo(6), now: NOW, zone: 'UTC', readerId: morgan.id });
      expect(sinceMeeting.since).toEqual({ basis: 'since_meeting', days: 6 });
      expect(sinceMeeting.shared.map((r) => [r.id, r.tried, r.questions])).toEqual([[recent.id, false, 2], [recent.id + 1, true, 0]]);
      expect(sinceMeeting.requests.map((r) => r.id)).toEqual([first.id, first.id + 1]);
      expect(sinceMeeting.requestsMore).toBe(1);
      // Without a previous 1:1, the last 30 days: the review of 40 days ago is still out.
      expect((await getBriefReviews(db, dana, { previousStart: null, now: NOW, zone: 'UTC', readerId: morgan.id })).shared).toHaveLength(2);
      expect((await getBriefReviews(db, dana, { previousStart: daysAgo(45), now: NOW, zone: 'UTC', readerId: morgan.id })).shared).toHaveLength(3);

      await upsertOneOnOne(db, { workspaceId: WS, managerId: morgan.id, repId: dana.id, cadence: 'weekly', weekday: 2, localTime: '10:00', tz: 'UTC', anchorDate: '2026-11-03' }, daysAgo(60));
      const preview = await previewBrief(db, dana, NOW);
      if (!preview.manager) throw new Error('no manager');
      const message = renderBrief(preview.brief);
      const text = briefToPlainText(preview.brief);
      expect(text).toContain('Call reviews since your last 1:1');
      expect(text).toContain('One thing 2 (Demo) · not tried yet · 2 questions, last: “Second');
      expect(text).toContain('One thing 3 (Demo) · ✔ Dana Rep tried it');
      expect(text).not.toContain('One thing 40');
      expect(text).toContain('Dana Rep asked for feedback on zoom.us call, Wed 2 Dec (https://zoom.us/rec/share/5) — “the Globex negotiation call”');
      // The reader (Morgan) wrote these: not named.
      expect(text).not.toContain('from Morgan');
      expect(text).toContain('…and 1 more request from Dana Rep.');
      expect(accessoryButtons(message.blocks).map((b) => [b.action_id, b.value])).toEqual([[REVIEW_IDS.openRequest, String(first.id)], [REVIEW_IDS.openRequest, String(first.id + 1)]]);
      expect(pings(JSON.stringify(message.blocks))).toEqual([]);
      expect(findLimitViolations(message.blocks)).toEqual([]);
    });
  });

  describe('privacy', () => {
    it("export: reviews of the person's calls with their threads and requests; the reviewer's export has what they wrote", async () => {
      const review = await share(2);
      await insertReviewComment(db, { workspaceId: WS, reviewId: review.id, authorId: dana.id, text: 'Dana asks', sourceRef: 'D1:1', createdAt: daysAgo(1) });
      await insertReviewComment(db, { workspaceId: WS, reviewId: review.id, authorId: morgan.id, text: 'Morgan answers', sourceRef: 'D2:1', createdAt: daysAgo(0.5) });
      await ask(1);
      const mine = await exportPersonalData(db, dana, NOW);
      expect(mine.callReviews).toEqual([
        expect.objectContaining({ status: 'shared', link: 'https://app.gong.io/call?id=2', reviewer: 'Morgan Manager', oneThing: 'One thing 2', triedAt: null,
          thread: [expect.objectContaining({ author: 'Dana Rep', text: 'Dana asks' }), expect.objectContaining({ author: 'Morgan Manager', text: 'Morgan answers' })] }),
        expect.objectContaining({ status: 'requested', link: 'https://zoom.us/rec/share/1', reviewer: null, requestNote: 'Please look at call 1' }),
      ]);
      expect(mine.reviewCommentsWritten).toEqual([]);
      const theirs = await exportPersonalData(db, morgan, NOW);
      expect(theirs.callReviews).toEqual([]);
      expect(theirs.reviewCommentsWritten).toEqual([{ text: 'Morgan answers', writtenAt: daysAgo(0.5).toISOString() }]);
      expect(theirs.reviewsWritten).toEqual([expect.objectContaining({ about: 'Dana Rep', oneThing: 'One thing 2' })]);
      expect(JSON.stringify(theirs)).not.toContain('Dana asks');
      expect((await describePersonalData(db, dana)).counts).toMatchObject({ callReviews: 2, reviewComments: 2 });
      expect((await describePersonalData(db, morgan)).counts).toMatchObject({ callReviews: 0, reviewComments: 1 });
    });

    it('a forgotten reviewer: the review stays with the rep as from "a former colleague", their answers go', async () => {
      const review = await share(2);
      await insertReviewComment(db, { workspaceId: WS, reviewId: review.id, authorId: dana.id, text: 'Dana asks', sourceRef: 'D1:1', createdAt: daysAgo(1) });
      await insertReviewComment(db, { workspaceId: WS, reviewId: review.id, authorId: morgan.id, text: 'Morgan answers', sourceRef: 'D2:1', createdAt: daysAgo(0.5) });
      await forgetPerson(db, morgan, 'cli', NOW);
      dana = await person(dana);
      const exported = await exportPersonalData(db, dana, NOW);
      expect(exported.callReviews).toEqual([expect.objectContaining({ reviewer: 'a former colleague', oneThing: 'One thing 2', thread: [expect.objectContaining({ text: 'Dana asks' })] })]);
      expect(JSON.stringify(exported)).not.toMatch(/Morgan/);
      const home = renderHomePlainText(await getHome(db, dana, NOW));
      expect(home).toContain('from a former colleague, 2 days ago');
      expect(home).not.toContain('Morgan');
      const brief = await getBriefReviews(db, dana, { previousStart: null, now: NOW, zone: 'UTC', readerId: morgan.id });
      expect(brief.shared).toEqual([expect.objectContaining({ reviewerName: null, questions: 1 })]);
    });

    it('a forgotten rep: the reviews of their calls and every comment in them go', async () => {
      const review = await share(2);
      await insertReviewComment(db, { workspaceId: WS, reviewId: review.id, authorId: morgan.id, text: 'Morgan answers', sourceRef: 'D2:1' });
      const summary = await forgetPerson(db, dana, 'cli', NOW);
      expect(summary.counts).toMatchObject({ callReviews: 1, reviewComments: 1 });
      expect(await exportPersonalData(db, await person(morgan), NOW)).toMatchObject({ reviewsWritten: [], reviewCommentsWritten: [] });
    });
  });
});

describe('the demo (npm run demo): Diego is reviewed by Ava, and asks for a review', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  it("shows the review in Diego's /coach focus and Home tab, and with his request in Ava's brief", async () => {
    const db = await memoryDb();
    const now = DateTime.fromISO('2026-12-07T14:05:00Z', { zone: 'utc' });
    expect(await demoCommand(db, { dbPath: ':memory:', now })).toBe(0);
    const text = out.join('\n');
    const part = (title: string) => text.slice(text.indexOf(`━━ ${title}`), text.indexOf('━━', text.indexOf(`━━ ${title}`) + 3));
    expect(part('Diego Smith types /coach focus')).toMatch(/Your reviewed calls — what went well and one thing to work on\n• \w[\w ]+ \d+ call, Fri 4 Dec \(https:\/\/app\.gong\.io\/call\?id=demo-7301841965\) — Went well: .* · not tried yet\n• .* · ✔ You tried it/);
    const home = part("Diego Smith opens the app's Home tab");
    expect(home).toMatch(/Call reviews\n\w[\w ]+ \d+ call, Fri 4 Dec \(https:\/\/app\.gong\.io\/call\?id=demo-7301841965\) · from Ava Lopez, 3 days ago\nWhat went well: .+\nOne thing \(\w+\): .+\nCompare with: /);
    expect(home).toContain('[ I tried it ]');
    expect(home).toContain('✔ You tried it');
    expect(home).toContain('You asked Ava Lopez about zoom.us call, Fri 4 Dec');
    const brief = part("Ava Lopez's brief before the weekly 1:1 with Diego Smith");
    expect(brief).toMatch(/Call reviews since your last 1:1\n• \w[\w ]+ \d+ call, Fri 4 Dec \(https:\/\/app\.gong\.io\/call\?id=demo-7301841965\) — .* · not tried yet · 1 question, last: “Should I suggest the next meeting myself/);
    expect(brief).toContain('Diego Smith asked for feedback on zoom.us call, Fri 4 Dec');
    expect(brief).toContain('[ Review this call ]');
    // The review's one thing is on Diego's focus stage, and Ava sees it in his focus too.
    const diego = (await findPersonBySlackId(db, 'T0DEMO', 'U0REP00003'))!;
    const ava = (await findPersonBySlackId(db, 'T0DEMO', 'U0MGR0001'))!;
    const focus = await getFocus(db, ava, diego, now.toJSDate());
    expect(focus.isSelf).toBe(false);
    expect(focus.reviewedCalls.map((r) => [r.oneThingStageName, r.tried])).toEqual([[focus.focus!.stageName, false], [focus.focus!.stageName, true]]);
    expect(focus.exemplars.length).toBeGreaterThan(0);
    // Both reviews' DMs are recorded as sent (the question is a reply in the recent one's thread): planning at the
    // demo's instant plans no review DM again.
    const plan = await planDeliveries(db, { workspaceId: 'T0DEMO', now: now.toJSDate(), dryRun: true });
    expect(plan.items.length).toBeGreaterThan(0);
    expect(plan.items.filter((item) => item.kind === 'review')).toEqual([]);
    const dms = (await db.select().from(deliveries).where(eq(deliveries.kind, 'review')));
    expect(dms.map((d) => [d.recipientId, d.status, d.slackChannel !== null, d.slackTs !== null])).toEqual([[diego.id, 'sent', true, true], [diego.id, 'sent', true, true]]);
  });
});

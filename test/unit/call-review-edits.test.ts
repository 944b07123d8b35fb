import { describe, expect, it } from 'vitest';
import { reviewDmChange, reviewEditAccess, type TReviewChange } from '../../src/domain/review-edits';
import { renderReviewDeletePrompt, reviewChangeButtons, reviewChangeMenu } from '../../src/slack/blocks/review-change';
import { renderReviewModal, renderReviewSharedModal } from '../../src/slack/blocks/review-modal';

describe('reviewEditAccess: who may edit or delete a shared review', () => {
  // Morgan (1) manages Dana (3) and wrote the review; Olga (2) manages nobody here; Eli (4) is Dana's peer; Ada (5) is an admin.
  const morgan = { id: 1, isAdmin: false };
  const olga = { id: 2, isAdmin: false };
  const dana = { id: 3, isAdmin: false };
  const eli = { id: 4, isAdmin: false };
  const ada = { id: 5, isAdmin: true };
  const review = { reviewerId: 1 };
  const onTeam = { id: 3, name: 'Dana <b>', managerId: 1 };
  const moved = { ...onTeam, managerId: 2 };
  const scenarios: { who: string; actor: { id: number; isAdmin: boolean }; rep: typeof onTeam; review?: { reviewerId: number | null }; change: TReviewChange; want: 'allowed' | RegExp }[] = [
    { who: 'the reviewer, rep on their team, edit', actor: morgan, rep: onTeam, change: 'edit', want: 'allowed' },
    { who: 'the reviewer, rep on their team, delete', actor: morgan, rep: onTeam, change: 'delete', want: 'allowed' },
    { who: 'the reviewer, rep moved to another team, edit', actor: morgan, rep: moved, change: 'edit', want: /Dana &lt;b&gt; isn't on your team any more, so you can't change/ },
    { who: 'the reviewer, rep moved to another team, delete', actor: morgan, rep: moved, change: 'delete', want: /An admin can delete it/ },
    { who: 'the rep’s new manager, who did not write it', actor: olga, rep: moved, change: 'delete', want: /Only the person who wrote this review \(or an admin\) can delete it/ },
    { who: 'the rep', actor: dana, rep: onTeam, change: 'delete', want: /yours to read/ },
    { who: 'a peer', actor: eli, rep: onTeam, change: 'edit', want: /Only the person who wrote this review/ },
    { who: 'an admin, rep on any team', actor: ada, rep: moved, change: 'delete', want: 'allowed' },
    { who: 'an admin, reviewer forgotten', actor: ada, rep: onTeam, review: { reviewerId: null }, change: 'edit', want: 'allowed' },
    { who: 'the manager, reviewer forgotten', actor: morgan, rep: onTeam, review: { reviewerId: null }, change: 'edit', want: /Only the person who wrote/ },
  ];
  it.each(scenarios)('$who', ({ actor, rep, change, want, ...rest }) => {
    const got = reviewEditAccess(actor, rest.review ?? review, rep, change);
    if (want === 'allowed') expect(got).toEqual({ kind: 'allowed' });
    else {
      expect(got.kind).toBe('refuse');
      expect(got.kind === 'refuse' ? got.message : '').toMatch(want);
      expect(got.kind === 'refuse' ? got.message : '').toMatch(/Nothing was changed\.$/);
    }
  });
});

describe('reviewDmChange: what becomes of the rep’s DM', () => {
  const scenarios: { change: TReviewChange; dm: { status: string; landed: boolean } | undefined; want: string }[] = [
    { change: 'edit', dm: { status: 'sent', landed: true }, want: 'update' },
    { change: 'delete', dm: { status: 'sent', landed: true }, want: 'remove' },
    { change: 'edit', dm: { status: 'sent', landed: false }, want: 'none' },
    { change: 'delete', dm: { status: 'sent', landed: false }, want: 'none' },
    { change: 'edit', dm: { status: 'pending', landed: false }, want: 'none' },
    { change: 'delete', dm: { status: 'pending', landed: false }, want: 'skip' },
    { change: 'delete', dm: { status: 'suppressed', landed: false }, want: 'none' },
    { change: 'delete', dm: { status: 'sending', landed: false }, want: 'none' },
    { change: 'delete', dm: { status: 'skipped', landed: false }, want: 'none' },
    { change: 'delete', dm: undefined, want: 'none' },
    { change: 'edit', dm: undefined, want: 'none' },
  ];
  it.each(scenarios)('$change with $dm.status (landed: $dm.landed) → $want', ({ change, dm, want }) => {
    expect(reviewDmChange(change, dm)).toBe(want);
  });
});

describe('the Edit / Delete renderers', () => {
  it('buttons: Edit, and Delete asking first with the rep named safely', () => {
    const block = reviewChangeButtons(7, 'Dana <!here>');
    expect(block.elements.map((e) => (e as { action_id: string; value: string }).action_id)).toEqual(['review_edit', 'review_delete']);
    const confirm = (block.elements[1] as { confirm?: { text: { text: string } } }).confirm!;
    expect(confirm.text.text).toBe('Delete this review? Dana ‹!here› will no longer see it.');
  });

  it('the menu carries the review id in both choices, and the confirmation carries the buttons only when it names the review', () => {
    expect(reviewChangeMenu(7).options.map((o) => JSON.parse(o.value!))).toEqual([{ op: 'edit', reviewId: 7 }, { op: 'delete', reviewId: 7 }]);
    const base = { repName: 'Dana', dm: { kind: 'now' as const }, answeredRequest: false };
    expect(JSON.stringify(renderReviewSharedModal(base).blocks)).not.toContain('review_edit');
    expect(JSON.stringify(renderReviewSharedModal({ ...base, reviewId: 7 }).blocks)).toContain('"value":"7"');
  });

  it('the delete question escapes the name and links the call', () => {
    const text = JSON.stringify(renderReviewDeletePrompt({ reviewId: 7, repName: 'Dana <!channel>', url: 'https://app.gong.io/call?id=1&t=2', label: 'Acme call, Wed 2 Dec' }).blocks);
    expect(text).toContain('<https://app.gong.io/call?id=1&amp;t=2|Acme call, Wed 2 Dec>');
    expect(text).toContain('Dana &lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('the edit form: titled and submitted as an edit, the texts and recording filled in, the review in its metadata', () => {
    const view = renderReviewModal({
      rep: { id: 3, name: 'Dana' },
      url: 'https://app.gong.io/call?id=1',
      deals: [],
      stages: [{ key: 'demo', name: 'Demo' }],
      oneThingStage: 'demo',
      exemplars: [{ id: 9, stage: 'demo', stageName: 'Demo', title: 'Great demo' }],
      editing: { reviewId: 11, wentWell: 'Good', oneThing: 'Slow down', exemplarId: 9 },
    });
    expect(view.title.text).toBe('Edit review');
    expect(view.submit?.text).toBe('Save changes');
    expect(JSON.parse(view.private_metadata!)).toEqual({ repId: 3, requestId: null, url: null, reviewId: 11 });
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"Good"');
    expect(json).toContain('"initial_value":"Slow down"');
    expect(json).toContain('"initial_option":{"text":{"type":"plain_text","text":"Demo · Great demo"},"value":"9"}');
  });
});

import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import {
  renderAddedByAdmin,
  renderAnswerForAsker,
  renderTeamAddReply,
  renderTeamRemovalReply,
  renderTeamRequest,
  renderTeamRequestOutcome,
  ZTeamRequestButtonValue,
} from '../../src/slack/blocks/team-consent';
import type { TTeamAddReplyView } from '../../src/slack/blocks/view-models/team-consent';

const morgan = { slackUserId: 'U0MGR1', name: 'Morgan' };
const olga = { slackUserId: 'U0OLG1', name: 'Olga' };
const dana = { slackUserId: 'U0REP1', name: 'Dana' };
const eli = { slackUserId: 'U0REP2', name: 'Eli' };
// A name that is not a Slack id is shown escaped, never as a link or a broadcast.
const odd = { slackUserId: 'not-an-id', name: '<!channel> & @here' };

describe('renderTeamRequest', () => {
  const scenarios = [
    { what: 'a rep on no team', view: { requestId: 7, asker: morgan, from: null }, want: ['<@U0MGR1> asks to add you to their team'], notWant: ['Accepting moves you'] },
    { what: 'a rep on another team', view: { requestId: 7, asker: morgan, from: olga }, want: ["You're on <@U0OLG1>'s team now. Accepting moves you: <@U0OLG1> would no longer see your numbers"], notWant: [] },
    { what: 'an asker known only by name', view: { requestId: 7, asker: odd, from: null }, want: ['*&lt;!channel&gt; &amp; @\u200Bhere* asks'], notWant: ['<!channel>'] },
  ];
  it.each(scenarios)('$what', ({ view, want, notWant }) => {
    const { blocks, text } = renderTeamRequest(view);
    const json = JSON.stringify(blocks);
    for (const w of want) expect(json).toContain(w.replace(/"/g, '\\"'));
    for (const w of notWant) expect(json).not.toContain(w);
    // Exactly what a manager would see, and what they never see.
    const plain = blocksToPlainText(blocks);
    for (const seen of ['your logged activity and its trend', 'your targets and goals', 'your pipeline (your deals and their stages)', 'your coaching (tier and focus area)', 'Private 1:1 notes stay with whoever writes them']) {
      expect(plain).toContain(seen);
    }
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as { action_id: string; value: string; style?: string }[];
    expect(buttons.map((b) => [b.action_id, b.style])).toEqual([['team_request_accept', 'primary'], ['team_request_decline', undefined]]);
    for (const b of buttons) expect(ZTeamRequestButtonValue.parse(JSON.parse(b.value))).toEqual({ requestId: 7 });
    expect(text).toMatch(/asks to add you to their team in Canopy — Accept or Decline\.$/);
    expect(text).not.toContain('<!channel>');
    expect(findLimitViolations(blocks)).toEqual([]);
  });
});

describe('the answers', () => {
  const scenarios = [
    { what: 'accepted', rendered: renderTeamRequestOutcome({ kind: 'accepted', asker: morgan, from: null }), want: "You joined <@U0MGR1>'s team. They can now see your logged activity", notWant: 'no longer sees' },
    { what: 'accepted, moved', rendered: renderTeamRequestOutcome({ kind: 'accepted', asker: morgan, from: olga }), want: '<@U0OLG1> no longer sees your numbers', notWant: 'team_request' },
    { what: 'declined', rendered: renderTeamRequestOutcome({ kind: 'declined', asker: morgan }), want: "You declined — <@U0MGR1> doesn't see your numbers", notWant: 'team_request' },
    { what: 'closed', rendered: renderTeamRequestOutcome({ kind: 'closed', why: 'This request was withdrawn <x>' }), want: 'This request was withdrawn &lt;x&gt;', notWant: '<x>' },
    { what: 'asker told of an accept', rendered: renderAnswerForAsker({ kind: 'accepted', rep: dana }), want: "<@U0REP1> accepted — they're on your team now", notWant: 'declined' },
    { what: 'asker told of a decline', rendered: renderAnswerForAsker({ kind: 'declined', rep: dana }), want: '<@U0REP1> declined your request to join your team, so nothing changed', notWant: 'accepted' },
    { what: 'an admin add', rendered: renderAddedByAdmin({ admin: morgan, from: null }), want: '<@U0MGR1> (a workspace admin) added you to their team in Canopy. They can now see your logged activity', notWant: 'You were on' },
    { what: 'an admin move', rendered: renderAddedByAdmin({ admin: morgan, from: olga }), want: "You were on <@U0OLG1>'s team; they no longer see your numbers", notWant: 'team_request' },
  ];
  it.each(scenarios)('$what', ({ rendered, want, notWant }) => {
    expect(rendered.text).toContain(want);
    expect(JSON.stringify(rendered.blocks)).not.toContain(notWant);
    expect(findLimitViolations(rendered.blocks)).toEqual([]);
  });
});

describe('renderTeamAddReply and renderTeamRemovalReply', () => {
  const empty: TTeamAddReplyView = { added: [], asked: [], notReached: [], already: [], pending: [], refused: [] };
  const scenarios: { what: string; view: TTeamAddReplyView; want: string[] }[] = [
    { what: 'asked', view: { ...empty, asked: [dana, eli] }, want: ['Asked <@U0REP1>, <@U0REP2> to join your team', "I'll tell you their answer"] },
    { what: 'added and moved by an admin', view: { ...empty, added: [{ rep: dana, from: null }, { rep: eli, from: olga }] }, want: ['Added to your team: <@U0REP1>.', "Moved <@U0REP2> to your team from <@U0OLG1>'s"] },
    { what: 'pending, already, unreachable', view: { ...empty, pending: [dana], already: [eli], notReached: [morgan] }, want: ['Already asked, waiting for an answer: <@U0REP1>', 'Already on your team: <@U0REP2>', "I couldn't DM <@U0MGR1>, so nothing was asked"] },
    { what: 'refused, why escaped', view: { ...empty, refused: [{ person: odd, why: 'a <b> reason' }] }, want: ['Not added *&lt;!channel&gt; &amp; @\u200Bhere* — a &lt;b&gt; reason.'] },
  ];
  it.each(scenarios)('$what', ({ view, want }) => {
    const { text } = renderTeamAddReply(view);
    for (const w of want) expect(text).toContain(w);
    expect(text).toContain('See everyone with `/coach team`');
  });

  it('says what a removal did, and what it withdrew', () => {
    expect(renderTeamRemovalReply({ removed: [dana], withdrawn: [eli], notOnTeam: [olga] }).text.split('\n')).toEqual([
      'Removed from your team: <@U0REP1>. They no longer show on your team, and you no longer see their numbers.',
      'Withdrew your unanswered request to <@U0REP2>.',
      'Not on your team, so nothing changed: <@U0OLG1>.',
    ]);
    expect(renderTeamRemovalReply({ removed: [], withdrawn: [], notOnTeam: [] }).text).toBe('Nothing changed.');
  });
});

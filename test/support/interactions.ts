import { dmChannelId, FAKE_TEAM } from './fake-slack';
import { newTriggerId } from './slack-requests';

/*
 * Interaction payloads shaped as Slack sends them (block_actions from a DM message or the Home tab,
 * view_submission of a modal opened with views.open), for tests that click and submit.
 */

export type TButton = { action_id: string; value: string; block_id?: string; text?: { text: string } };

const userOf = (user: string) => ({ id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.teamId });
const common = { api_app_id: FAKE_TEAM.appId, token: 'gIkuvaNzQIHg97ATvDxqgjtO', team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain }, enterprise: null, is_enterprise_install: false };

/** A click on a button of a message the bot posted in `user`'s DM. */
export function messageButtonClick(user: string, button: TButton, message: { ts: string; blocks: unknown; text: string }, responseUrl: string) {
  const channel = dmChannelId(user);
  return {
    ...common,
    type: 'block_actions',
    user: userOf(user),
    container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: newTriggerId(),
    channel: { id: channel, name: 'directmessage' },
    message: { type: 'message', user: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, ts: message.ts, text: message.text, blocks: message.blocks },
    state: { values: {} },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id ?? 'b1', text: { type: 'plain_text', text: button.text?.text ?? 'Button', emoji: true }, value: button.value, action_ts: `${Math.floor(Date.now() / 1000)}.000100` }],
  };
}

let viewCount = 0;

/** A submission of a modal as it was opened (`views.open`'s `view`), with the given state values. */
export function viewSubmission(user: string, opened: Record<string, unknown>, values: Record<string, Record<string, unknown>>) {
  // Each call is its own form (as each modal Slack opens has its own id), unless the view carries its id: posting
  // one payload twice is how a test sends the same submission again.
  const id = typeof opened.id === 'string' ? opened.id : `V0MODAL${++viewCount}`;
  return {
    ...common,
    type: 'view_submission',
    user: userOf(user),
    trigger_id: newTriggerId(),
    view: {
      id, team_id: FAKE_TEAM.teamId, type: 'modal', app_id: FAKE_TEAM.appId, bot_id: FAKE_TEAM.botId,
      callback_id: opened.callback_id, private_metadata: opened.private_metadata, blocks: opened.blocks,
      title: opened.title, submit: opened.submit, close: opened.close, state: { values },
      hash: '1700000000.abc', root_view_id: id, previous_view_id: null, clear_on_close: false, notify_on_close: false, external_id: '',
    },
    response_urls: [],
  };
}

/** Every button in a message's or view's blocks (actions blocks and section accessories). */
export function buttonsIn(blocks: unknown): TButton[] {
  const list = (blocks ?? []) as { type: string; block_id?: string; elements?: TButton[]; accessory?: TButton & { type: string } }[];
  return list.flatMap((b) => [
    ...(b.type === 'actions' ? (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id ?? 'b1' })) : []),
    ...(b.accessory?.type === 'button' ? [{ ...b.accessory, block_id: b.block_id ?? 'b1' }] : []),
  ]);
}

import type { TFakeSlack } from './fake-slack';
import type { TSlackResponse } from './slack-requests';

/**
 * A slash command's answer as the user sees it: the ack's body when the app answered in it (`/stats` does
 * when ready within its budget), else what it posted to the response_url `fake.responseUrl(responseId)`.
 */
export async function commandReply(res: TSlackResponse, fake: TFakeSlack, responseId: string): Promise<Record<string, unknown>> {
  const body = res.json;
  if (body && typeof body === 'object' && ('text' in body || 'blocks' in body)) return body as Record<string, unknown>;
  return (await fake.waitFor('response_url', (c) => c.target === responseId)).args as Record<string, unknown>;
}

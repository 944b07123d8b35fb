import type { RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';

/*
 * What the call-review command, shortcut and buttons share when they answer (replies that carry a recording link go
 * with `NO_UNFURL` from blocks/limits.ts): a form Slack would not open gets the same private note everywhere.
 */

/**
 * Opens the review form; when Slack refuses (the trigger expires three seconds after the click), says so privately and
 * how to try again (`again`: "Try the shortcut again.").
 */
export async function openReviewModal(client: WebClient, triggerId: string, view: ModalView, respond: RespondFn, logger: Logger, again: string): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    logger.warn({ err: error }, 'could not open the review modal');
    await respond({ response_type: 'ephemeral', text: `I couldn't open the review form just now — Slack gives it three seconds. ${again}` });
  }
}

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

/**
 * `/brief` is declared in the manifest (SPEC §3) but the brief itself ships with the 1:1 feature;
 * until then the command says so plainly instead of failing with Slack's "dispatch_failed".
 */
export function briefCommand() {
  return async ({ ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack({
      response_type: 'ephemeral',
      text: 'Pre-1:1 briefs are not available in this version of Canopy yet. Meanwhile `/stats @rep` shows a rep’s numbers.',
    });
  };
}

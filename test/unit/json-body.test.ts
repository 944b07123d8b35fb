import { describe, expect, it } from 'vitest';
import { JsonBody } from '../../src/slack/json-body';

describe('JsonBody: an ack body serialised once, on the stats thread', () => {
  it.each([
    { what: 'a rendered message', message: { text: 'Your activity', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*3* calls — "quoted", \\ and ünïcode' } }] } },
    { what: 'a message with text only', message: { text: 'Nothing logged yet this week.' } },
  ])('ephemeral($what) is the same JSON as the object with response_type added', ({ message }) => {
    const body = JsonBody.ephemeral(JSON.stringify(message));
    expect(JSON.parse(body.json)).toEqual({ response_type: 'ephemeral', ...message });
    expect(body.parsed()).toEqual({ response_type: 'ephemeral', ...message });
  });
});

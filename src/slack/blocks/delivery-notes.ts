import type { KnownBlock } from '@slack/types';
import { escapeText } from './escape';
import { context } from './format';
import { fitMessage } from './limits';

/** A lead time for people: '15 minutes', '1 hour', '1 h 30 min', '1 day'. */
export function formatLead(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${hours} h ${rest} min`;
}

/**
 * The line a delivered brief ends with (SPEC §2: every message Canopy sends on its own says why and how to
 * tune it). On-demand briefs (`/brief`) do not carry it.
 */
export function withBriefDeliveryNote(message: { text: string; blocks: KnownBlock[] }, input: { repName: string; leadMinutes: number }): { text: string; blocks: KnownBlock[] } {
  const note = context(
    `You get this brief about ${formatLead(input.leadMinutes)} before each 1:1 with ${escapeText(input.repName)} (moved into your working hours). Change the lead time or your hours with \`/coach settings\`.`,
  );
  const blocks = message.blocks.length >= 50 ? [...message.blocks.slice(0, 49), note] : [...message.blocks, note];
  return { text: message.text, blocks: fitMessage(blocks) };
}

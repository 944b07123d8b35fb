import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { truncate } from './escape';
import { context } from './format';

// Slack's limits, as named in the Block Kit reference (docs.slack.dev/reference/block-kit).
/** "Blocks": up to 50 blocks in each message. */
export const MAX_MESSAGE_BLOCKS = 50;
/** "Blocks": up to 100 blocks in modals and Home tabs. */
export const MAX_VIEW_BLOCKS = 100;
/** "Section block": `text` maximum length 3000 characters. */
export const MAX_SECTION_TEXT = 3000;
/** "Header block": `text` maximum length 150 characters. */
export const MAX_HEADER_TEXT = 150;
/** "Section block": `fields` maximum number of items 10. */
export const MAX_SECTION_FIELDS = 10;
/** "Section block": maximum length for the text in each field 2000 characters. */
export const MAX_FIELD_TEXT = 2000;
/** "Context block": `elements` maximum number of items 10. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** "Text object": maximum length 3000 characters (applies to context elements). */
export const MAX_TEXT_OBJECT = 3000;
/** "Actions block": maximum of 25 elements. */
export const MAX_ACTIONS_ELEMENTS = 25;
/** "Button element": `text` maximum length 75 characters. */
export const MAX_BUTTON_TEXT = 75;
/** "Select menu element" (static and external data source): up to 100 options. */
export const MAX_SELECT_OPTIONS = 100;
/** "Option object": `text` maximum length 75 characters. */
export const MAX_OPTION_TEXT = 75;
/** "Option object": `value` maximum length 150 characters. */
export const MAX_OPTION_VALUE = 150;
/** chat.postMessage "Truncating content": the top-level `text` is truncated at 40,000 characters. */
export const MAX_FALLBACK_TEXT = 40_000;

/** Posting options for a message that may hold a recording link (call reviews, exemplars): never unfurled into a preview. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/** Makes message blocks fit Slack's limits: texts truncated with '…', at most 50 blocks. Never throws. */
export function fitMessage(blocks: KnownBlock[]): KnownBlock[] {
  return fitBlocks(blocks, MAX_MESSAGE_BLOCKS);
}

/** Makes modal / Home tab blocks fit Slack's limits: texts truncated with '…', at most 100 blocks. Never throws. */
export function fitView(blocks: KnownBlock[]): KnownBlock[] {
  return fitBlocks(blocks, MAX_VIEW_BLOCKS);
}

/** Makes a message's top-level `text` fallback fit. */
export function fitFallbackText(text: string): string {
  return truncate(text, MAX_FALLBACK_TEXT);
}

/** Every way `blocks` break Slack's limits for a surface holding `maxBlocks` (empty when they fit). */
export function findLimitViolations(blocks: readonly KnownBlock[], maxBlocks = MAX_MESSAGE_BLOCKS): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const tooLong = (where: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) problems.push(`${where}: ${text.length} chars > ${max}`);
    if (text !== undefined && text.length === 0) problems.push(`${where}: empty text`);
  };
  blocks.forEach((block, index) => {
    const at = `block ${index} (${block.type})`;
    if (block.type === 'header') tooLong(at, block.text.text, MAX_HEADER_TEXT);
    if (block.type === 'section') {
      tooLong(at, block.text?.text, MAX_SECTION_TEXT);
      const fields = block.fields ?? [];
      if (fields.length > MAX_SECTION_FIELDS) problems.push(`${at}: ${fields.length} fields > ${MAX_SECTION_FIELDS}`);
      fields.forEach((field, i) => tooLong(`${at} field ${i}`, field.text, MAX_FIELD_TEXT));
    }
    if (block.type === 'context') {
      const count = block.elements.length;
      if (count > MAX_CONTEXT_ELEMENTS) problems.push(`${at}: ${count} elements > ${MAX_CONTEXT_ELEMENTS}`);
      block.elements.forEach((el, i) => tooLong(`${at} element ${i}`, 'text' in el ? el.text : undefined, MAX_TEXT_OBJECT));
    }
    if (block.type === 'actions') {
      const count = block.elements.length;
      if (count > MAX_ACTIONS_ELEMENTS) problems.push(`${at}: ${count} elements > ${MAX_ACTIONS_ELEMENTS}`);
      block.elements.forEach((el, i) => {
        if (el.type === 'button') tooLong(`${at} button ${i}`, el.text.text, MAX_BUTTON_TEXT);
      });
    }
  });
  return problems;
}

function fitBlocks(blocks: readonly KnownBlock[], maxBlocks: number): KnownBlock[] {
  const fitted = blocks.flatMap(fitBlock);
  if (fitted.length <= maxBlocks) return fitted;
  const kept = fitted.slice(0, maxBlocks - 1);
  return [...kept, context(`…and ${fitted.length - kept.length} more not shown`)];
}

/** One block made to fit; a section with too many fields becomes several sections, so nothing is dropped. */
function fitBlock(block: KnownBlock): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [{ ...block, text: { ...block.text, text: fitText(block.text.text, MAX_HEADER_TEXT, false) } }];
    case 'section':
      return fitSection(block);
    case 'context':
      return [fitContext(block)];
    case 'actions':
      return [
        {
          ...block,
          elements: block.elements.slice(0, MAX_ACTIONS_ELEMENTS).map((el) =>
            el.type === 'button' ? { ...el, text: { ...el.text, text: fitText(el.text.text, MAX_BUTTON_TEXT, false) } } : el,
          ),
        },
      ];
    default:
      return [block];
  }
}

function fitSection(block: SectionBlock): SectionBlock[] {
  const text = block.text && { ...block.text, text: fitText(block.text.text, MAX_SECTION_TEXT, block.text.type === 'mrkdwn') };
  const fields = block.fields?.map((field) => ({
    ...field,
    text: fitText(field.text, MAX_FIELD_TEXT, field.type === 'mrkdwn'),
  }));
  if (!fields || fields.length <= MAX_SECTION_FIELDS) {
    return [{ ...block, ...(text && { text }), ...(fields && { fields }) }];
  }
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += MAX_SECTION_FIELDS) {
    const chunk = fields.slice(i, i + MAX_SECTION_FIELDS);
    // Text, accessory and block_id stay with the first chunk; block ids must stay unique.
    sections.push(i === 0 ? { ...block, ...(text && { text }), fields: chunk } : { type: 'section', fields: chunk });
  }
  return sections;
}

function fitContext(block: ContextBlock): ContextBlock {
  const elements = block.elements.slice(0, MAX_CONTEXT_ELEMENTS).map((el) => {
    if (el.type === 'mrkdwn' || el.type === 'plain_text') {
      return { ...el, text: fitText(el.text, MAX_TEXT_OBJECT, el.type === 'mrkdwn') };
    }
    return el;
  });
  return { ...block, elements };
}

/** Truncates; in mrkdwn an inline code span cut open is closed again so the '…' does not swallow the rest. */
function fitText(text: string, max: number, isMrkdwn: boolean): string {
  if (text.length <= max) return text.length > 0 ? text : ' ';
  const cut = truncate(text, max);
  if (!isMrkdwn || (cut.split('`').length - 1) % 2 === 0) return cut;
  return `${truncate(text, max - 1).slice(0, -1)}\`…`;
}

/** Lines grouped into section-sized texts (at most `budget` characters each), never splitting a line; a line longer than a section is shortened. */
export function chunkLines(lines: readonly string[], budget = MAX_SECTION_TEXT - 200): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    if (!raw) continue;
    const line = truncate(raw, budget);
    const next = current ? `${current}\n${line}` : line;
    if (next.length > budget && current) {
      chunks.push(current);
      current = line;
      continue;
    }
    current = next;
  }
  if (current) chunks.push(current);
  return chunks;
}

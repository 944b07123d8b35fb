import type { KnownBlock, SectionBlock } from '@slack/types';

/** Options for the terminal rendering; `color` adds ANSI dim/bold (never for a Slack `text` fallback). */
export type TPlainTextOptions = { color?: boolean; width?: number };

const DEFAULT_WIDTH = 72;
const FIELD_COLUMN = 36;
const EMOJI: Readonly<Record<string, string>> = {
  white_check_mark: '✔',
  warning: '⚠',
  pencil2: '✎',
  wastebasket: '🗑',
  trophy: '🏆',
  wave: '👋',
  bulb: '💡',
  chart_with_upwards_trend: '📈',
  busts_in_silhouette: '👥',
  x: '✘',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  white_circle: '⚪',
  tada: '🎉',
  new: '🆕',
  arrows_counterclockwise: '🔄',
  no_entry: '⛔',
  calendar: '📅',
  dart: '🎯',
  hourglass_flowing_sand: '⏳',
};

/** A readable terminal rendering of blocks: titled header, sections, two-column fields, dim context, rules and `[ Button ]`s. */
export function blocksToPlainText(blocks: readonly KnownBlock[], options: TPlainTextOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const dim = (text: string) => (options.color ? `\x1b[2m${text}\x1b[22m` : text);
  const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[22m` : text);
  const parts: string[] = [];
  for (const block of blocks) {
    const rendered = renderBlock(block, width, dim, bold);
    if (rendered !== undefined) parts.push(rendered);
  }
  return parts.join('\n\n');
}

function renderBlock(
  block: KnownBlock,
  width: number,
  dim: (text: string) => string,
  bold: (text: string) => string,
): string | undefined {
  switch (block.type) {
    case 'header': {
      const title = toPlain(block.text.text);
      return `${bold(title)}\n${'═'.repeat(Math.min(width, Math.max(3, [...title].length)))}`;
    }
    case 'section':
      return renderSection(block);
    case 'context': {
      const texts = block.elements.map((el) => ('text' in el ? toPlain(el.text) : `[image: ${el.alt_text}]`));
      return dim(`[ ${texts.join('  ')} ]`);
    }
    case 'divider':
      return '─'.repeat(width);
    case 'actions': {
      const labels = block.elements.map((el) => ('text' in el && el.text ? `[ ${toPlain(el.text.text)} ]` : `[ ${el.type} ]`));
      return labels.join(' ');
    }
    case 'image':
      return `[image: ${block.alt_text}]`;
    case 'markdown':
      return toPlain(block.text);
    default:
      return undefined;
  }
}

function renderSection(block: SectionBlock): string {
  const lines: string[] = [];
  if (block.text) lines.push(toPlain(block.text.text));
  const fields = (block.fields ?? []).map((field) => toPlain(field.text));
  // Two columns when every field is one short line, else one field per line.
  const twoColumns = fields.every((field) => !field.includes('\n') && [...field].length < FIELD_COLUMN);
  for (let i = 0; i < fields.length; i += twoColumns ? 2 : 1) {
    const left = fields[i] ?? '';
    const right = twoColumns ? fields[i + 1] : undefined;
    lines.push(right === undefined ? left : `${left.padEnd(FIELD_COLUMN)}${right}`);
  }
  if (block.accessory && 'text' in block.accessory && block.accessory.text) {
    lines.push(`[ ${toPlain(block.accessory.text.text)} ]`);
  }
  return lines.join('\n');
}

/** Slack mrkdwn to terminal text: tokens resolved, `*bold*` unwrapped, emoji codes mapped, entities decoded last. */
function toPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, token: string) => plainToken(token))
    .replace(/(^|[\s(])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s).,:;!?—·])/gm, '$1$2')
    .replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole)
    .replace(/\u200B/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function plainToken(token: string): string {
  const [target = '', label] = token.split('|', 2);
  if (target.startsWith('@')) return label ? `@${label}` : target;
  if (target.startsWith('#')) return label ? `#${label}` : target;
  if (target.startsWith('!date^')) return label ?? '';
  if (target.startsWith('!subteam^')) return label ?? '@group';
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label ? `${label} (${target})` : target;
}

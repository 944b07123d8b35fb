import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderCheckin } from '../../src/slack/blocks/checkin';
import { findLimitViolations, MAX_OPTION_TEXT, MAX_SELECT_OPTIONS, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import {
  dealOption,
  LOG_ACTIVITY_DEAL_BLOCK,
  LOG_ACTIVITY_DEAL_OPEN_ACTION,
  LOG_ACTIVITY_STAGE_BLOCK,
  LOG_ACTIVITY_TEXT_BLOCK,
  logDealButtons,
  renderDealOptions,
  renderLogActivityModal,
  ZLogDealButtonValue,
} from '../../src/slack/blocks/log-activity-modal';
import type { TLogActivityFormView } from '../../src/slack/blocks/view-models/logging';

type TAny = Record<string, unknown>;
type TInput = { type: 'input'; block_id: string; optional?: boolean; element: TAny & { type: string; action_id: string } };

const STAGES = [
  { key: 'prospecting', name: 'Prospecting' },
  { key: 'discovery', name: 'Discovery' },
  { key: 'demo', name: 'Demo' },
];
const ACME = { id: 469, name: 'Acme 469', stageName: 'Demo' };
const EVIL = '<!channel> & *bold*';

const inputs = (modal: ModalView) => (modal.blocks as unknown as TAny[]).filter((b) => b.type === 'input') as unknown as TInput[];
const inputOf = (modal: ModalView, blockId: string) => inputs(modal).find((b) => b.block_id === blockId);
const textOf = (modal: ModalView) => JSON.stringify(modal.blocks);

/** What Slack checks of a modal beyond findLimitViolations: unique block ids, option text and count. */
function modalProblems(modal: ModalView): string[] {
  const problems = findLimitViolations(modal.blocks as KnownBlock[], MAX_VIEW_BLOCKS);
  const ids = modal.blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(ids).size !== ids.length) problems.push('duplicate block ids');
  for (const input of inputs(modal)) {
    const options = (input.element.options as { text: { text: string } }[] | undefined) ?? [];
    if (options.length > MAX_SELECT_OPTIONS) problems.push(`${input.block_id}: ${options.length} options`);
    const initial = input.element.initial_option as { text: { text: string } } | undefined;
    for (const option of [...options, ...(initial ? [initial] : [])]) {
      if (option.text.text.length > MAX_OPTION_TEXT) problems.push(`${input.block_id}: option '${option.text.text}' too long`);
    }
  }
  return problems;
}

describe('renderLogActivityModal', () => {
  const scenarios: { name: string; view: TLogActivityFormView; want: { inputs: string[]; initial?: unknown; note?: RegExp; placeholder: string } }[] = [
    {
      name: 'from Log activity: text, deal picker, stage picker; nothing picked',
      view: { stages: STAGES, deal: null, unpickable: null },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK, LOG_ACTIVITY_STAGE_BLOCK], placeholder: '4 calls, demo with Acme' },
    },
    {
      name: "from a check-in's quick choice: the deal is the initial option",
      view: { stages: STAGES, deal: ACME, unpickable: null },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK, LOG_ACTIVITY_STAGE_BLOCK], initial: { text: { type: 'plain_text', text: 'Acme 469 · Demo' }, value: '469' }, placeholder: 'call, demo, proposal sent' },
    },
    {
      name: 'an old button for a deal won since: a note, nothing picked',
      view: { stages: STAGES, deal: null, unpickable: { kind: 'closed', dealName: EVIL, outcome: 'won' } },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK, LOG_ACTIVITY_STAGE_BLOCK], note: /\*&lt;!channel&gt; &amp; \*bold\*\* is won now, so it isn't picked — pick another below, or leave it empty\./, placeholder: '4 calls, demo with Acme' },
    },
    {
      name: "someone else's button: a note, nothing picked",
      view: { stages: STAGES, deal: null, unpickable: { kind: 'not_yours' } },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK, LOG_ACTIVITY_STAGE_BLOCK], note: /a deal that isn't yours, so nothing is picked/, placeholder: '4 calls, demo with Acme' },
    },
    {
      name: 'a deal gone since: a note',
      view: { stages: STAGES, deal: null, unpickable: { kind: 'gone' } },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK, LOG_ACTIVITY_STAGE_BLOCK], note: /isn't in Canopy any more/, placeholder: '4 calls, demo with Acme' },
    },
    {
      name: 'no open stages: no stage picker (a select needs options)',
      view: { stages: [], deal: null, unpickable: null },
      want: { inputs: [LOG_ACTIVITY_TEXT_BLOCK, LOG_ACTIVITY_DEAL_BLOCK], placeholder: '4 calls, demo with Acme' },
    },
  ];

  it.each(scenarios)('$name', ({ view, want }) => {
    const modal = renderLogActivityModal(view);
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'log_activity', submit: { text: 'Log it' } });
    expect(modalProblems(modal)).toEqual([]);
    expect(inputs(modal).map((b) => b.block_id)).toEqual(want.inputs);

    const text = inputOf(modal, LOG_ACTIVITY_TEXT_BLOCK)!;
    expect(text.optional).toBeUndefined(); // the text says what was done: required
    expect(text.element).toMatchObject({ type: 'plain_text_input', action_id: 'text', multiline: true, focus_on_load: true, placeholder: { text: want.placeholder } });

    const deal = inputOf(modal, LOG_ACTIVITY_DEAL_BLOCK)!;
    expect(deal.optional).toBe(true);
    expect(deal.element).toMatchObject({ type: 'external_select', action_id: 'log_deal', min_query_length: 0 });
    expect(deal.element.initial_option).toEqual(want.initial);

    const stage = inputOf(modal, LOG_ACTIVITY_STAGE_BLOCK);
    if (stage) {
      expect(stage.optional).toBe(true);
      expect(stage.element).toMatchObject({ type: 'static_select', action_id: 'log_stage' });
      expect(stage.element.options).toEqual(STAGES.map((s) => ({ text: { type: 'plain_text', text: s.name }, value: s.key })));
    }
    if (want.note) expect(JSON.stringify(modal.blocks[0])).toMatch(want.note);
    else expect(modal.blocks[0]!.type).toBe('input');
    expect(textOf(modal)).not.toContain('<!channel>');
  });

  it('a selling system of more than 100 stages keeps the first 100', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ key: `s${i}`, name: `Stage ${i} ${'x'.repeat(100)}` }));
    const modal = renderLogActivityModal({ stages: many, deal: null, unpickable: null });
    expect(modalProblems(modal)).toEqual([]);
    expect((inputOf(modal, LOG_ACTIVITY_STAGE_BLOCK)!.element.options as unknown[]).length).toBe(100);
  });
});

describe('renderDealOptions', () => {
  const scenarios: { name: string; choice: { id: number; name: string; stageName: string }; want: string }[] = [
    { name: 'name · stage', choice: ACME, want: 'Acme 469 · Demo' },
    { name: 'a long name is shortened, the stage kept', choice: { id: 1, name: 'N'.repeat(100), stageName: 'Negotiation' }, want: `${'N'.repeat(60)}… · Negotiation` },
    { name: 'a long stage name is shortened too', choice: { id: 2, name: 'Globex', stageName: 'S'.repeat(60) }, want: `Globex · ${'S'.repeat(29)}…` },
    { name: 'plain text: shown as typed, never interpreted', choice: { id: 3, name: '<@U1> & co', stageName: 'Demo' }, want: '<@U1> & co · Demo' },
  ];
  it.each(scenarios)('$name', ({ choice, want }) => {
    const option = dealOption(choice);
    expect(option).toEqual({ text: { type: 'plain_text', text: want }, value: String(choice.id) });
    expect(option.text.text.length).toBeLessThanOrEqual(MAX_OPTION_TEXT);
  });

  it('at most 100 options, in the order given', () => {
    const choices = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `Deal ${i + 1}`, stageName: 'Demo' }));
    const { options } = renderDealOptions(choices);
    expect(options).toHaveLength(100);
    expect(options[0]!.value).toBe('1');
    expect(renderDealOptions([])).toEqual({ options: [] });
  });
});

describe("the check-in's quick choices", () => {
  const deals = [
    { id: 11, name: 'Acme 469' },
    { id: 12, name: `Globex ${'g'.repeat(100)}` },
    { id: 13, name: 'Initech' },
    { id: 14, name: 'Hooli' },
  ];

  it('up to three buttons, distinct action ids that the action pattern matches, each value naming its deal', () => {
    const buttons = logDealButtons(deals);
    expect(buttons.map((b) => b.action_id)).toEqual(['log_activity_deal_0', 'log_activity_deal_1', 'log_activity_deal_2']);
    for (const button of buttons) expect(button.action_id).toMatch(LOG_ACTIVITY_DEAL_OPEN_ACTION);
    expect(buttons.map((b) => ZLogDealButtonValue.parse(JSON.parse(b.value!)).dealId)).toEqual([11, 12, 13]);
    expect(buttons.every((b) => b.text.text.length <= 75)).toBe(true);
  });

  it('on the check-in: a line naming the focus stage, then the buttons, before Log activity', () => {
    const { blocks } = renderCheckin({ deliveryId: 7, cadence: 'daily', basis: { kind: 'focus', stageName: 'Demo' }, focusDeals: { stageName: 'Demo', deals } });
    expect(findLimitViolations(blocks)).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain('Something on one of your *Demo* deals? Log it straight onto the deal:');
    const actionIds = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e as { action_id: string }).action_id) : []));
    expect(actionIds).toEqual(['log_activity_deal_0', 'log_activity_deal_1', 'log_activity_deal_2', 'log_activity_open', 'checkin_fewer']);
  });

  it('no deals, or no focus stage: no line, no buttons', () => {
    for (const focusDeals of [undefined, { stageName: 'Demo', deals: [] }]) {
      const json = JSON.stringify(renderCheckin({ deliveryId: 7, cadence: 'daily', basis: { kind: 'tier' }, focusDeals }).blocks);
      expect(json).not.toContain('log_activity_deal_');
      expect(json).not.toContain('straight onto the deal');
    }
  });
});

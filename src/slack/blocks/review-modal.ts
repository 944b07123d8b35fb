import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { linkLabel, REQUEST_EXPIRES_DAYS, REVIEW_TEXT_MAX } from '../../domain/call-reviews';
import { escapeText, plainLabel, recordingLink, truncate } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage, fitView, MAX_OPTION_TEXT, MAX_OPTION_VALUE, MAX_SELECT_OPTIONS } from './limits';
import { reviewChangeButtons } from './review-change';
import { REVIEW_IDS } from './review-ids';
import type { TReviewCarrierView, TReviewField, TReviewFormView, TReviewRequestedView, TReviewSharedView } from './view-models/review-form';

/*
 * The call-review modal (`/coach review`, the "Review this call" shortcut, a request's button in the brief), what it
 * turns into once shared, and a rep's confirmation of a request. Every recording link goes through `recordingLink`.
 */

/** Each field's input block; every input's action id is `value`. */
export const REVIEW_BLOCKS: Readonly<Record<TReviewField, string>> = {
  rep: 'review_rep',
  url: 'review_url',
  deal: 'review_deal',
  callStage: 'review_call_stage',
  wentWell: 'review_went_well',
  oneThing: 'review_one_thing',
  oneThingStage: 'review_one_thing_stage',
  exemplar: 'review_exemplar',
};
export const REVIEW_INPUT = 'value';

/**
 * What the form carries: whose call (null: picked in the form), the request it answers, the link when it is not an
 * input, and the shared review it edits (absent on forms opened before editing existed).
 */
export const ZReviewFormMetadata = z.object({
  repId: z.number().int().positive().nullable(),
  requestId: z.number().int().positive().nullable(),
  url: z.string().max(REVIEW_TEXT_MAX.url).nullable(),
  reviewId: z.number().int().positive().nullable().optional(),
});
export type TReviewFormMetadata = z.infer<typeof ZReviewFormMetadata>;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (label: string, value: string): PlainTextOption => ({ text: plain(plainLabel(label, MAX_OPTION_TEXT)), value });

/** The review form. */
export function renderReviewModal(view: TReviewFormView): ModalView {
  const editing = view.editing;
  const metadata: TReviewFormMetadata = {
    repId: view.rep?.id ?? null,
    requestId: view.request?.id ?? null,
    url: view.request ? view.url : null,
    ...(editing && { reviewId: editing.reviewId }),
  };
  const link = recordingLink(view.url, linkLabel(view.url));
  const stages = view.stages.filter((s) => s.key.length <= MAX_OPTION_VALUE).slice(0, MAX_SELECT_OPTIONS);
  const stageOptions = stages.map((s) => option(s.name, s.key));
  const stageOption = (key: string | undefined) => stageOptions.find((o) => o.value === key);
  const dealOptions = view.deals.slice(0, MAX_SELECT_OPTIONS).map((d) => {
    const stage = ` · ${truncate(d.stageName, 30)}`;
    return option(`${truncate(d.name, MAX_OPTION_TEXT - stage.length)}${stage}`, String(d.id));
  });
  const exemplarOptions = view.exemplars.slice(0, MAX_SELECT_OPTIONS).map((e) => option(`${truncate(e.stageName, 25)} · ${e.title}`, String(e.id)));
  const repName = view.rep ? escapeText(view.rep.name) : null;

  const blocks: KnownBlock[] = [];
  if (view.rep && editing) {
    blocks.push(section(`Your review of *${repName}*'s call, as they see it now. Saving changes their DM and their Home tab.`));
  } else if (view.rep && view.request) {
    const note = view.request.note ? ` and wrote: “${escapeText(truncate(view.request.note, REVIEW_TEXT_MAX.requestNote))}”` : '';
    blocks.push(section(`*${repName}* asked for feedback on ${recordingLink(view.url, truncate(view.request.label, 80))}${note}`));
  } else if (view.rep) {
    blocks.push(section(`Feedback for *${repName}* on their call. They get it as a DM, and it stays on their Home tab.`));
  } else {
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.rep,
      label: plain('Whose call is it?'),
      hint: plain('One of your reps. They get the review as a DM.'),
      element: { type: 'users_select', action_id: REVIEW_INPUT, placeholder: plain('Pick the rep') },
    });
  }
  if (view.dealNote) {
    const name = `“${escapeText(truncate(view.dealNote.name, 80))}”`;
    blocks.push(
      context(
        view.dealNote.kind === 'several'
          ? `:information_source: Several of ${repName ?? 'their'}’s open deals fit ${name} — pick the one below, or leave it empty.`
          : `:information_source: None of ${repName ?? 'their'}’s open deals is called ${name} — pick one below, or leave it empty.`,
      ),
    );
  }
  if (view.otherLinks && view.otherLinks.length > 0 && !view.request) {
    const others = view.otherLinks.slice(0, 5).map((url) => recordingLink(url, linkLabel(url)));
    const more = view.otherLinks.length > others.length ? ` and ${view.otherLinks.length - others.length} more` : '';
    blocks.push(
      context(`:information_source: That message has ${view.otherLinks.length + 1} links; the form took the first, ${link}. If the call is another one (${others.join(', ')}${more}), paste its link below.`),
    );
  }
  if (!view.request) {
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.url,
      label: plain('Recording link'),
      hint: plain('Gong, Chorus, Zoom, a shared drive file… It is never unfurled in a channel.'),
      element: { type: 'url_text_input', action_id: REVIEW_INPUT, initial_value: view.url },
    });
  }
  if (dealOptions.length > 0) {
    const initial = dealOptions.find((o) => o.value === String(view.dealId));
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.deal,
      optional: true,
      label: plain('Deal'),
      element: { type: 'static_select', action_id: REVIEW_INPUT, placeholder: plain('Pick a deal'), options: dealOptions, ...(initial && { initial_option: initial }) },
    });
  }
  if (stageOptions.length > 0) {
    const initial = stageOption(view.callStage);
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.callStage,
      optional: true,
      label: plain('Stage of the call'),
      element: { type: 'static_select', action_id: REVIEW_INPUT, placeholder: plain('Pick a stage'), options: stageOptions, ...(initial && { initial_option: initial }) },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: REVIEW_BLOCKS.wentWell,
      label: plain('What went well'),
      element: {
        type: 'plain_text_input',
        action_id: REVIEW_INPUT,
        multiline: true,
        max_length: REVIEW_TEXT_MAX.wentWell,
        focus_on_load: true,
        placeholder: plain('Be specific: what should they keep doing?'),
        ...(editing && { initial_value: editing.wentWell.slice(0, REVIEW_TEXT_MAX.wentWell) }),
      },
    },
    {
      type: 'input',
      block_id: REVIEW_BLOCKS.oneThing,
      label: plain('One thing to work on'),
      hint: plain('Just one, so it gets tried. They can mark it as tried.'),
      element: { type: 'plain_text_input', action_id: REVIEW_INPUT, multiline: true, max_length: REVIEW_TEXT_MAX.oneThing, ...(editing && { initial_value: editing.oneThing.slice(0, REVIEW_TEXT_MAX.oneThing) }) },
    },
  );
  if (stageOptions.length > 0) {
    const initial = stageOption(view.oneThingStage);
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.oneThingStage,
      label: plain('Stage the one thing belongs to'),
      hint: plain(view.rep ? 'Their focus stage is picked when they have one.' : 'The stage of the selling system it helps with.'),
      element: { type: 'static_select', action_id: REVIEW_INPUT, placeholder: plain('Pick a stage'), options: stageOptions, ...(initial && { initial_option: initial }) },
    });
  }
  if (exemplarOptions.length > 0) {
    const initial = exemplarOptions.find((o) => editing?.exemplarId != null && o.value === String(editing.exemplarId));
    blocks.push({
      type: 'input',
      block_id: REVIEW_BLOCKS.exemplar,
      optional: true,
      label: plain('A recording to compare with'),
      hint: plain('From the team library: a call that does the one thing well.'),
      element: { type: 'static_select', action_id: REVIEW_INPUT, placeholder: plain('Pick a recording'), options: exemplarOptions, ...(initial && { initial_option: initial }) },
    });
  } else {
    blocks.push(context('No recordings in the team library yet to compare with. Add a good one with `/coach exemplar add &lt;stage&gt; &lt;link&gt; &lt;title&gt;`.'));
  }
  return {
    type: 'modal',
    callback_id: REVIEW_IDS.form,
    private_metadata: JSON.stringify(metadata),
    title: plain(editing ? 'Edit review' : 'Review a call'),
    submit: plain(editing ? 'Save changes' : 'Share review'),
    close: plain('Cancel'),
    blocks: fitView(blocks),
  };
}

/** The modal once the review is shared: who gets it, and when — or what carries it when their DM is held back. */
export function renderReviewSharedModal(view: TReviewSharedView): ModalView {
  return {
    type: 'modal',
    callback_id: `${REVIEW_IDS.form}_done`,
    title: plain('Review shared'),
    close: plain('Done'),
    blocks: fitView([
      section(`:white_check_mark: ${view.answeredRequest ? 'Request answered. ' : ''}${reviewDmText(view)} It's on their Home tab now.`),
      ...(view.reviewId !== undefined ? [reviewChangeButtons(view.reviewId, view.repName)] : []),
      context('Reviews are seen by the rep, their manager and admins only.'),
    ]),
  };
}

function reviewDmText(view: TReviewSharedView): string {
  const name = escapeText(view.repName);
  const back = "it comes as a DM when they're back.";
  const { dm } = view;
  switch (dm.kind) {
    case 'now':
      return `${name} gets it as a DM now.`;
    case 'at':
      return `${name} gets it as a DM at ${escapeText(dm.whenText)}, their time.`;
    case 'carried':
      if (dm.why.kind === 'soon') return `${name} gets it ${carrierText(dm.carrier)}.`;
      // Not "has had this week's messages": the count includes check-ins and the digest still to come.
      return `To keep ${name}'s messages few (${escapeText(dm.why.limitText)}), it comes ${carrierText(dm.carrier)}.`;
    case 'paused':
      return `${name} paused Canopy until ${escapeText(dm.untilText)}; ${back}`;
    case 'away':
      return `${name}'s Slack status says they're away; ${back}`;
    case 'holiday':
      return `It's a public holiday for ${name} (${escapeText(dm.holidayName)}); ${back}`;
    case 'held':
      return `Canopy can't message ${name} (a bot or a deactivated account).`;
  }
}

/** 'with today's check-in at 16:30, their time' / 'with their weekly digest on Mon 14 Dec at 09:00, their time'. */
function carrierText(carrier: TReviewCarrierView | null): string {
  if (!carrier) return 'with their next message from Canopy';
  const what = carrier.kind === 'digest' ? 'weekly digest' : 'check-in';
  const when = carrier.dayText === null ? `today's ${what} at ${escapeText(carrier.timeText)}` : `their ${what} on ${escapeText(carrier.dayText)} at ${escapeText(carrier.timeText)}`;
  return `with ${when}, their time`;
}

/** A rep's confirmation that they asked for a review (or had asked already). */
export function renderReviewRequested(view: TReviewRequestedView): { text: string; blocks: KnownBlock[] } {
  const manager = escapeText(view.managerName);
  const link = recordingLink(view.url, truncate(view.label, 80));
  const when = view.oneOnOneText
    ? `${manager} will see it on their Canopy Home tab and in the brief for your next 1:1 (${escapeText(view.oneOnOneText)}).`
    : `${manager} will see it on their Canopy Home tab and in the brief before your next 1:1.`;
  const text =
    view.kind === 'already'
      ? `You've asked ${manager} about ${link} already — it's waiting for them. ${when}`
      : `:white_check_mark: Asked ${manager} to review ${link}. ${when} No extra message is sent to them. It stays open for ${REQUEST_EXPIRES_DAYS} days; to take it back, \`/coach review request cancel\`.`;
  return { text: fitFallbackText(text), blocks: fitMessage([section(text)]) };
}

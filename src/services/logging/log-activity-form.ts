import { DateTime } from 'luxon';
import { isBusyError, retryWhenBusy, type TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { parseActivityText } from '../../domain/activity-grammar';
import type { TStage } from '../../domain/types';
import type { TUnpickableDeal } from '../../slack/blocks/view-models/logging';
import { resolvePerson, type TProfileSource } from '../people/resolve-person';
import { checkPickedDeal } from './deal-choices';
import { logActivity, type TLogOutcome, type TLogRequest } from './log-activity';
import { modalSourceRef } from './source-refs';

/** A refusal names the modal's fields it is about (Slack shows each under its field; the form keeps what was typed). */
export type TLogFormErrors = Partial<Record<'text' | 'deal' | 'stage', string>>;
export type TLogFormResult = { ok: true; outcome: TLogOutcome } | { ok: false; errors: TLogFormErrors } | { ok: false; busy: true };

/** What the modal sent: the text, and optionally one of the rep's deals (by id) and a stage (by key). */
export type TLogForm = { text: string; viewId: string; viewHash: string; dealId?: number; stage?: string };

export type TLogFormInput = {
  db: TDb;
  profiles: TProfileSource;
  workspaceId: string;
  slackUserId: string;
  form: TLogForm;
  now: Date;
  onError?: (error: unknown) => void;
};

const TRY = 'Try something like: 4 calls, 2 emails, demo with Acme.';

/**
 * Logs the text of the "Log activity" modal like `/log` does, with one difference: text the grammar
 * understands nothing of is refused (the modal keeps it, so nothing is lost) instead of stored.
 * Partly understood text logs what was understood; the confirmation shows the rest. `sourceRef`
 * names the submitted form, so a second submission of the same form logs nothing more. A picked deal
 * must still be the rep's own and open, and a picked stage one of the workspace's open stages (the modal
 * may be older than either): otherwise nothing is logged and the field says why.
 */
export async function logActivityForm(input: TLogFormInput): Promise<TLogFormResult> {
  const { db, workspaceId, form, now } = input;
  const person = await resolvePerson(db, input.profiles, workspaceId, input.slackUserId, now, input.onError);
  const stages = await listStages(db, workspaceId);
  const errors = await formErrors(db, person, form, stages);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    // A modal must be answered within 3 s: a few short retries while another process writes, then the rep is
    // asked to resend (the same form is logged once however often it is submitted).
    const outcome = await retryWhenBusy(() => logActivity(db, logRequestOfForm(person, workspaceId, form, now)), 3);
    return { ok: true, outcome };
  } catch (error) {
    if (isBusyError(error)) return { ok: false, busy: true };
    throw error;
  }
}

/** The request the modal's submission logs (exported for its test: what reaches `logActivity`). */
export function logRequestOfForm(person: Pick<TPersonRow, 'id' | 'tz'>, workspaceId: string, form: TLogForm, now: Date): TLogRequest {
  return {
    workspaceId,
    personId: person.id,
    source: 'modal',
    sourceRef: modalSourceRef(form.viewId, form.viewHash),
    text: form.text,
    writtenAt: DateTime.fromJSDate(now, { zone: person.tz }),
    change: { kind: 'posted' },
    ...(form.dealId !== undefined && { dealId: form.dealId }),
    ...(form.stage !== undefined && { stage: form.stage }),
  };
}

async function formErrors(db: TDb, person: TPersonRow, form: TLogForm, stages: readonly TStage[]): Promise<TLogFormErrors> {
  const errors: TLogFormErrors = {};
  const picked = form.dealId !== undefined ? await checkPickedDeal(db, person, form.dealId, stages) : undefined;
  if (picked && !picked.ok) errors.deal = unpickableMessage(picked.why);
  // With a deal picked, "won" or "pushed to Q1" is about it.
  const parsed = parseActivityText(form.text, { stages, ...(picked?.ok ? { defaultDeal: picked.deal.name } : {}) });
  if (parsed.items.length === 0) errors.text = nothingMessage(parsed);
  if (form.stage !== undefined && !stages.some((s) => s.key === form.stage && s.outcome === null)) {
    errors.stage = "That stage isn't one of your team's open stages any more — pick another or leave it empty. Nothing was logged.";
  }
  return errors;
}

/** Plain text for a field error (Slack shows no mrkdwn there). */
function nothingMessage(parsed: Awaited<ReturnType<typeof parseActivityText>>): string {
  const [problem] = parsed.problems;
  if (problem) return `${quote(problem.source)}: ${problem.message}. Nothing was logged.`;
  const [unknown] = parsed.unknown;
  if (unknown) return `I couldn't find anything to log in ${quote(unknown)}. ${TRY}`;
  return `I couldn't find anything to log there. ${TRY}`;
}

function unpickableMessage(why: TUnpickableDeal): string {
  const rest = 'pick another or leave it empty. Nothing was logged.';
  if (why.kind === 'closed') return `${quote(why.dealName)} is ${why.outcome} now — ${rest}`;
  if (why.kind === 'gone') return `That deal isn't in Canopy any more — ${rest}`;
  return `That deal isn't one of yours — pick one of your own or leave it empty. Nothing was logged.`;
}

function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

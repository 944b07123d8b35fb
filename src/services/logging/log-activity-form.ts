import { DateTime } from 'luxon';
import { isBusyError, retryWhenBusy, type TDb } from '../../../db/client';
import { listStages } from '../../../db/repositories/workspaces';
import { parseActivityText } from '../../domain/activity-grammar';
import { resolvePerson, type TProfileSource } from '../people/resolve-person';
import { logActivity, type TLogOutcome } from './log-activity';
import { modalSourceRef } from './source-refs';

export type TLogFormResult = { ok: true; outcome: TLogOutcome } | { ok: false; message: string } | { ok: false; busy: true };

export type TLogFormInput = {
  db: TDb;
  profiles: TProfileSource;
  workspaceId: string;
  slackUserId: string;
  form: { text: string; viewId: string; viewHash: string };
  now: Date;
  onError?: (error: unknown) => void;
};

const TRY = 'Try something like: 4 calls, 2 emails, demo with Acme.';

/**
 * Logs the text of the "Log activity" modal like `/log` does, with one difference: text the grammar
 * understands nothing of is refused (the modal keeps it, so nothing is lost) instead of stored.
 * Partly understood text logs what was understood; the confirmation shows the rest. `sourceRef`
 * names the submitted form, so a second submission of the same form logs nothing more.
 */
export async function logActivityForm(input: TLogFormInput): Promise<TLogFormResult> {
  const { db, workspaceId, form, now } = input;
  const person = await resolvePerson(db, input.profiles, workspaceId, input.slackUserId, now, input.onError);
  const parsed = parseActivityText(form.text, { stages: listStages(db, workspaceId) });
  if (parsed.items.length === 0) return { ok: false, message: nothingMessage(parsed) };
  try {
    // A modal must be answered within 3 s: a few short retries while another process writes, then the rep is
    // asked to resend (the same form is logged once however often it is submitted).
    const outcome = await retryWhenBusy(
      () =>
        logActivity(db, {
          workspaceId,
          personId: person.id,
          source: 'modal',
          sourceRef: modalSourceRef(form.viewId, form.viewHash),
          text: form.text,
          writtenAt: DateTime.fromJSDate(now, { zone: person.tz }),
          change: { kind: 'posted' },
        }),
      3,
    );
    return { ok: true, outcome };
  } catch (error) {
    if (isBusyError(error)) return { ok: false, busy: true };
    throw error;
  }
}

/** Plain text for a field error (Slack shows no mrkdwn there). */
function nothingMessage(parsed: ReturnType<typeof parseActivityText>): string {
  const quote = (text: string) => `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
  const [problem] = parsed.problems;
  if (problem) return `${quote(problem.source)}: ${problem.message}. Nothing was logged.`;
  const [unknown] = parsed.unknown;
  if (unknown) return `I couldn't find anything to log in ${quote(unknown)}. ${TRY}`;
  return `I couldn't find anything to log there. ${TRY}`;
}

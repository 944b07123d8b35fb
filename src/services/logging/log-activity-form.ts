import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { parseActivityText } from '../../domain/activity-grammar';
import { logActivity, type TLogOutcome } from './log-activity';

export type TLogFormResult = { ok: true; outcome: TLogOutcome } | { ok: false; message: string };

const TRY = 'Try something like: 4 calls, 2 emails, demo with Acme.';

/**
 * Logs the text of the "Log activity" modal like `/log` does, with one difference: text the grammar
 * understands nothing of is refused (the modal keeps it, so nothing is lost) instead of stored.
 * Partly understood text logs what was understood; the confirmation shows the rest. `sourceRef`
 * names the submitted form, so a second submission of the same form logs nothing more.
 */
export function logActivityForm(db: TDb, person: TPersonRow, form: { text: string; sourceRef: string }, now: Date): TLogFormResult {
  const parsed = parseActivityText(form.text, { stages: listStages(db, person.workspaceId) });
  if (parsed.items.length === 0) return { ok: false, message: nothingMessage(parsed) };
  const outcome = logActivity(db, {
    workspaceId: person.workspaceId,
    personId: person.id,
    source: 'modal',
    sourceRef: form.sourceRef,
    text: form.text,
    writtenAt: DateTime.fromJSDate(now, { zone: person.tz }),
    change: { kind: 'posted' },
  });
  return { ok: true, outcome };
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

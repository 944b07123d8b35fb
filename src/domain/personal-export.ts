/**
 * A person's own data as they get it from `/coach export` (SPEC §2 Privacy, §3): one JSON document, and the
 * activities again as a CSV whose header is the activities import's (`occurred_at,rep,type,count,deal_id,stage`)
 * plus the raw text, so a spreadsheet opens it and `import activities` reads it back.
 *
 * What is in: the profile, everything they wrote (log entries, raw text verbatim, deleted messages included as
 * such), the activities, deals, deal notes and questions those made, their goals and activity targets, what the
 * coaching engine concluded about them (tier and its reason, expectations, focus stage), their 1:1s, the agenda
 * items they wrote, the action items of their 1:1s, the private notes of meetings they ran as the manager, their
 * team requests, the deliveries sent to them (what and when; the message text itself is in their Slack DM), the
 * reviews of their calls and their requests for one (with who reviewed, or "a former colleague" once that reviewer
 * was forgotten, and the whole thread: it is about their call), what they wrote in other people's review threads
 * (the text only) and the reviews they wrote of other reps' calls (as a manager's private notes are theirs).
 *
 * What is out: a manager's private notes about the person (they are the manager's data: SPEC §2 "Manager notes
 * are private to the manager"), agenda items their manager wrote, the evidence behind the coaching figures (it
 * is made of the team's numbers, i.e. other people's data), and the audit log of the workspace.
 */

export const PERSONAL_EXPORT_FORMAT = 'canopy-personal-export/1';

export type TExportProfile = {
  slackUserId: string;
  workspaceId: string;
  name: string;
  email: string | null;
  role: string;
  timeZone: string;
  quota: number | null;
  manager: { slackUserId: string; name: string } | null;
  preferences: Record<string, unknown>;
  firstSeenAt: string;
};

export type TExportLogEntry = { id: number; source: string; rawText: string; unparsed: string[]; writtenAt: string; editedAt: string | null; deletedAt: string | null };
export type TExportActivity = {
  occurredAt: string;
  type: string;
  count: number;
  stage: string | null;
  deal: { id: string; name: string } | null;
  /** Where it was logged (`dm`, `slash`, `thread`, `modal`, `shortcut`), `import`, or null when not recorded. */
  source: string | null;
  /** What the person wrote that logged it; null for imported rows. */
  rawText: string | null;
};
export type TExportDeal = {
  id: string;
  name: string;
  amountCents: number | null;
  stage: string;
  furthestStage: string;
  outcome: string;
  createdAt: string;
  closedAt: string | null;
  lastActivityAt: string | null;
  stageHistory: { stage: string; enteredAt: string; estimated: boolean }[];
  notes: { text: string; occurredAt: string }[];
};
export type TExportDealQuestion = { name: string; kind: string; status: string; askedAt: string };
export type TExportGoal = { metric: string; target: number; periodStart: string; periodEnd: string; status: string; agreedAt: string | null };
export type TExportTargets = { targets: unknown; proposedTargets: unknown; status: string; proposedAt: string; agreedAt: string | null };
export type TExportCoaching = {
  tiers: { tier: string; reason: string; computedAt: string }[];
  expectations: { activityType: string; per: string; amount: number; computedAt: string }[];
  focusAreas: { stage: string; toStage: string | null; computedAt: string }[];
};
export type TExportOneOnOne = {
  role: 'manager' | 'rep';
  with: { slackUserId: string; name: string };
  cadence: string;
  weekday: number;
  localTime: string;
  timeZone: string;
  cancelledAt: string | null;
  meetings: { startsAt: string; privateNotes?: string | null }[];
};
export type TExportAgendaItem = { text: string; writtenAt: string; oneOnOneWith: string };
export type TExportActionItem = { text: string; owner: string; dueDate: string | null; doneAt: string | null; meetingStartsAt: string };
export type TExportTeamRequest = { role: 'manager' | 'rep'; with: string; status: string; askedAt: string; answeredAt: string | null };
export type TExportDelivery = { kind: string; period: string; status: string; reason: string; dueAt: string | null; sentAt: string | null };
export type TExportCallReview = {
  status: string;
  link: string;
  /** Who reviewed it; "a former colleague" once they were forgotten; null for a request nobody answered yet. */
  reviewer: string | null;
  deal: string | null;
  callStage: string | null;
  requestNote: string | null;
  requestedAt: string | null;
  wentWell: string | null;
  oneThing: string | null;
  oneThingStage: string | null;
  exemplar: { title: string; url: string } | null;
  sharedAt: string | null;
  triedAt: string | null;
  thread: { author: string; text: string; writtenAt: string }[];
};
export type TExportReviewComment = { text: string; writtenAt: string };
export type TExportReviewWritten = { about: string; link: string; wentWell: string | null; oneThing: string | null; oneThingStage: string | null; sharedAt: string | null };

export type TPersonalExport = {
  format: typeof PERSONAL_EXPORT_FORMAT;
  exportedAt: string;
  about: string;
  profile: TExportProfile;
  logEntries: TExportLogEntry[];
  activities: TExportActivity[];
  deals: TExportDeal[];
  dealQuestions: TExportDealQuestion[];
  goals: TExportGoal[];
  activityTargets: TExportTargets[];
  coaching: TExportCoaching;
  oneOnOnes: TExportOneOnOne[];
  agendaItems: TExportAgendaItem[];
  actionItems: TExportActionItem[];
  teamRequests: TExportTeamRequest[];
  deliveries: TExportDelivery[];
  callReviews: TExportCallReview[];
  reviewCommentsWritten: TExportReviewComment[];
  reviewsWritten: TExportReviewWritten[];
};

/** The sentence at the top of the file: what it holds and what it leaves out, in words a person reads. */
export const EXPORT_ABOUT =
  'Everything Canopy stores about you or that you wrote: your profile, every message you logged (word for word), ' +
  'the activities, deals and notes they made, your goals and targets, your coaching results, your 1:1s with their ' +
  'agendas and action items, the reviews of your calls with their threads and the ones you asked for, what you ' +
  'wrote in review threads and the reviews you wrote, and the messages Canopy sent you. Not included: private notes your manager keeps ' +
  'about your 1:1s (they are your manager\'s), and the team figures your coaching is compared with.';

export type TExportFile = { filename: string; title: string; content: string; mimeType: string };

const ACTIVITY_CSV_HEADER = ['occurred_at', 'rep', 'type', 'count', 'deal_id', 'stage', 'deal_name', 'source', 'raw_text'];

/** The export as files: the JSON document and the activities as CSV, named after the person and the day. */
export function personalExportFiles(data: TPersonalExport): TExportFile[] {
  const day = data.exportedAt.slice(0, 10);
  const base = `canopy-export-${data.profile.slackUserId}-${day}`;
  return [
    { filename: `${base}.json`, title: `Your Canopy data (${day})`, content: `${JSON.stringify(data, null, 2)}\n`, mimeType: 'application/json' },
    { filename: `${base}-activities.csv`, title: `Your activities (${day})`, content: activitiesCsv(data), mimeType: 'text/csv' },
  ];
}

/** The activities as CSV (RFC 4180: every cell quoted when needed, CRLF line ends), oldest first. */
export function activitiesCsv(data: Pick<TPersonalExport, 'profile' | 'activities'>): string {
  const rows = data.activities.map((a) => [
    a.occurredAt, data.profile.slackUserId, a.type, String(a.count), a.deal?.id ?? '', a.stage ?? '', a.deal?.name ?? '', a.source ?? '', a.rawText ?? '',
  ]);
  return [ACTIVITY_CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such a cell gets a leading
// apostrophe, which spreadsheets hide. The JSON file keeps the text exactly as written.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: defused if a spreadsheet would read it as a formula, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

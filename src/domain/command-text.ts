import { brokenLinkMessage, checkRecordingLink, continuesLink } from './call-reviews';
import { parsePeriodName, type TPeriodName } from './periods';

/** Slack sends a picked mention as `<@U123|name>` (or `<@U123>`); user ids start with U or W. */
const MENTION = /<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g;

export type TCommandWords = { userIds: string[]; words: string[]; plainAtNames: string[] };

/**
 * The words of command text, a Slack token (`<https://…|a label with spaces>`, `<@U…|name>`) kept whole as one word.
 * Slack sends a typed `<` as `&lt;`, so a `<` here always opens a token.
 */
export function commandWords(text: string): string[] {
  return text.match(/<[^<>]*>|[^\s<]+/g) ?? [];
}

/** Splits command text into mentioned user ids, `@names` Slack did not turn into mentions, and the other words. */
export function splitCommandText(text: string): TCommandWords {
  const userIds = [...text.matchAll(MENTION)].map((m) => m[1]!);
  const tokens = commandWords(text.replace(MENTION, ' '));
  return {
    userIds: [...new Set(userIds)],
    plainAtNames: tokens.filter((t) => t.startsWith('@') && t.length > 1),
    words: tokens.filter((t) => !(t.startsWith('@') && t.length > 1)),
  };
}

export type TStatsArgs =
  | {
      ok: true;
      period: TPeriodName;
      repUserId?: string;
      showTargets?: true;
      /** `/stats [period] deals`: the rep's open deals; `period` only when one was given (what was logged on each in it). */
      deals?: { period?: TPeriodName };
    }
  | { ok: false; message: string };

/** Every period `/stats` takes, as the help and the error messages list them. */
export const STATS_PERIODS_TEXT = '`today`, `yesterday`, `week`, `last week`, `month`, `last month`, `quarter`, `last quarter`, `ytd`, `7d`, `30d` or `90d`';

const TARGETS_WORD = /^targets?$/i;
const DEALS_WORD = /^(deals?|pipeline|opps?|opportunities)$/i;

/**
 * `/stats [period] [@rep] [targets|deals]` in any order: `targets` shows activity targets to an autonomous rep,
 * `deals` the rep's open deals (`/stats deals`, `/stats last month deals`, `/stats @rep deals`).
 */
export function parseStatsArgs(text: string): TStatsArgs {
  const split = splitCommandText(text);
  const { userIds, plainAtNames } = split;
  const showTargets = split.words.some((w) => TARGETS_WORD.test(w));
  const showDeals = split.words.some((w) => DEALS_WORD.test(w));
  const words = split.words.filter((w) => !TARGETS_WORD.test(w) && !DEALS_WORD.test(w));
  if (plainAtNames.length > 0) return { ok: false, message: mentionHint(plainAtNames[0]!) };
  if (userIds.length > 1) return { ok: false, message: 'One person at a time, please: `/stats week @rep`.' };
  if (showTargets && showDeals) return { ok: false, message: 'One view at a time, please: `/stats targets` or `/stats deals`.' };
  const periodText = words.join(' ');
  const period = periodText === '' ? undefined : parsePeriodName(periodText);
  if (periodText !== '' && !period) {
    const shown = periodText.slice(0, 40).replace(/[`<>&]/g, '');
    const deals = showDeals ? ' — or just `/stats deals` for your open deals as they stand' : '';
    return { ok: false, message: `I don't know the period \`${shown}\`. Try ${STATS_PERIODS_TEXT}${deals}.` };
  }
  const rep = userIds[0] ? { repUserId: userIds[0] } : {};
  if (showDeals) return { ok: true, period: period ?? 'week', ...rep, deals: period ? { period } : {} };
  return { ok: true, period: period ?? 'week', ...rep, ...(showTargets ? { showTargets } : {}) };
}

export type TCoachCommand =
  | { verb: 'help'; unknownVerb?: string }
  | { verb: 'team' }
  | { verb: 'team add' | 'team remove'; userIds: string[] }
  | { verb: 'goals'; userIds: string[]; args: string[] }
  | { verb: 'targets'; userIds: string[]; args: string[] }
  | { verb: 'focus'; userIds: string[] }
  | { verb: 'exemplar add'; stage: string; url: string; title: string }
  | { verb: 'review'; userId: string; userName?: string; url: string; words: string[] }
  | { verb: 'review request'; url: string; note: string }
  /** `which`: absent for the only open request (or the list when there are several); a link names one; `list` always lists them. */
  | { verb: 'review request cancel'; which?: { kind: 'link'; url: string } | { kind: 'list' } }
  | { verb: '1on1 list' }
  | { verb: '1on1 cancel'; userId: string }
  | { verb: '1on1'; userId: string; words: string[] }
  | { verb: 'agenda'; withUserId?: string; text: string }
  | { verb: 'settings' }
  | { verb: 'setup' }
  | { verb: 'pause'; days: number }
  | { verb: 'resume' }
  | { verb: 'export' }
  | { verb: 'forget-me' }
  | { verb: 'invalid'; message: string };

const EXEMPLAR_USAGE = 'Add a recording with `/coach exemplar add <stage> <link> <title>`, e.g. `/coach exemplar add demo https://example.com/rec/123 Great discovery of pain`.';

/** `/coach <verb> …` for the verbs that exist today; anything else is help. */
export function parseCoachCommand(text: string): TCoachCommand {
  const { userIds, words, plainAtNames } = splitCommandText(text);
  const [verb = '', sub = ''] = words.map((w) => w.toLowerCase());
  if (verb === '' || verb === 'help') return { verb: 'help' };
  if (verb === 'goals' || verb === 'goal') {
    if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
    return { verb: 'goals', userIds, args: words.slice(1) };
  }
  if (verb === 'targets' || verb === 'target') {
    if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
    return { verb: 'targets', userIds, args: words.slice(1) };
  }
  if (verb === 'focus') {
    if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
    return { verb: 'focus', userIds };
  }
  if (verb === 'exemplar' || verb === 'exemplars') return parseExemplar(words.slice(1));
  if (verb === 'review' || verb === 'reviews') return parseReview(text, userIds, words.slice(1), plainAtNames);
  if (verb === 'settings' || verb === 'setting' || verb === 'preferences') return { verb: 'settings' };
  if (verb === 'setup') return { verb: 'setup' };
  if (verb === 'agenda') return parseAgenda(text);
  if (verb === 'pause') {
    const duration = parsePauseDuration(words.slice(1).join(' '));
    return duration.ok ? { verb: 'pause', days: duration.days } : { verb: 'invalid', message: duration.message };
  }
  if (verb === 'resume' || verb === 'unpause') return { verb: 'resume' };
  if (ONE_ON_ONE_VERBS.has(verb)) {
    if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
    const rest = words.slice(1);
    if (userIds.length === 0) {
      return rest.length === 0 ? { verb: '1on1 list' } : { verb: 'invalid', message: `Who with? Mention the rep: ${ONE_ON_ONE_USAGE}.` };
    }
    if (userIds.length > 1) return { verb: 'invalid', message: `One rep at a time, please: ${ONE_ON_ONE_USAGE}.` };
    if (rest.length === 1 && /^(cancel|stop|delete|remove)$/i.test(rest[0]!)) return { verb: '1on1 cancel', userId: userIds[0]! };
    return { verb: '1on1', userId: userIds[0]!, words: rest };
  }
  if (verb === 'export' || FORGET_VERBS.has(verb)) return parseOwnData(verb === 'export' ? 'export' : 'forget-me', words.slice(1), userIds.length + plainAtNames.length);
  if (verb !== 'team') return { verb: 'help', unknownVerb: words[0]!.slice(0, 40) };
  if (sub === '' && userIds.length === 0) return { verb: 'team' };
  if (sub !== 'add' && sub !== 'remove') {
    return { verb: 'invalid', message: 'Try `/coach team`, `/coach team add @rep1 @rep2` or `/coach team remove @rep`.' };
  }
  if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
  if (userIds.length === 0) return { verb: 'invalid', message: `Who should I ${sub}? Mention them: \`/coach team ${sub} @rep\`.` };
  return { verb: sub === 'add' ? 'team add' : 'team remove', userIds };
}

const FORGET_VERBS = new Set(['forget-me', 'forgetme', 'forget_me', 'forget']);
const OWN_DATA_ONLY = {
  export: '`/coach export` sends you your own data. An admin can export a departed colleague\'s with `npm run cli -- export <user> --workspace T…`.',
  'forget-me': '`/coach forget-me` deletes your own data, after asking. An admin can delete a departed colleague\'s with `npm run cli -- forget <user> --workspace T…`.',
} as const;

/** `/coach export` and `/coach forget-me` (also `forget me`): about the person's own data only, so nobody is named. */
function parseOwnData(verb: 'export' | 'forget-me', rest: readonly string[], named: number): TCoachCommand {
  // `forget me`, `export my data`, `export csv`: both files are always sent.
  const extra = rest.filter((w) => !(verb === 'forget-me' ? /^me$/i : /^(my|data|json|csv)$/i).test(w));
  if (named > 0 || extra.length > 0) return { verb: 'invalid', message: OWN_DATA_ONLY[verb] };
  return { verb };
}

/** The longest pause `/coach pause` takes, in days. */
export const MAX_PAUSE_DAYS = 90;
/** The pause when no duration is given. */
export const DEFAULT_PAUSE_DAYS = 7;
const PAUSE_USAGE = 'Try `/coach pause 1w`, `/coach pause 3d`, `/coach pause 2 weeks` or `/coach pause 1 month` (up to 90 days).';
const PAUSE_UNITS: Readonly<Record<string, number>> = {
  d: 1, day: 1, days: 1,
  w: 7, wk: 7, wks: 7, week: 7, weeks: 7,
  // A month is 30 days: a pause is a span of time off, not a calendar period.
  mo: 30, mos: 30, month: 30, months: 30,
};
const PAUSE_COUNTS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4 };

export type TPauseDuration = { ok: true; days: number } | { ok: false; message: string };

/**
 * A pause length in days: `1w`, `3d`, `10 days`, `2 weeks`, `a week`, `1 month` (30 days), optionally
 * after `for`; empty means a week. At most 90 days; anything else is explained, never guessed.
 */
export function parsePauseDuration(text: string): TPauseDuration {
  const clean = text.trim().toLowerCase().replace(/^for\s+/, '');
  if (clean === '') return { ok: true, days: DEFAULT_PAUSE_DAYS };
  const match = /^(\d{1,6}|a|an|one|two|three|four)\s*([a-z]+)$/.exec(clean);
  const unit = match ? PAUSE_UNITS[match[2]!] : undefined;
  if (!match || unit === undefined) {
    return { ok: false, message: `I couldn't read ${quote(text)} as a length of time. ${PAUSE_USAGE}` };
  }
  const count = PAUSE_COUNTS[match[1]!] ?? Number(match[1]);
  const days = count * unit;
  if (days < 1) return { ok: false, message: `A pause needs at least a day. ${PAUSE_USAGE}` };
  if (days > MAX_PAUSE_DAYS) {
    return { ok: false, message: `I can pause for at most ${MAX_PAUSE_DAYS} days at a time — ${quote(text)} is longer. Nothing was changed.` };
  }
  return { ok: true, days };
}

function quote(text: string): string {
  return `\`${text.trim().slice(0, 40).replace(/[`<>&]/g, '')}\``;
}

const ONE_ON_ONE_VERBS = new Set(['1on1', '1:1', '1-1', 'oneonone', '1o1', '1on1s', '1:1s']);
const ONE_ON_ONE_USAGE = '`/coach 1on1 @rep weekly tue 10:00`';
const LEADING_MENTION = /^\s*<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/;

/**
 * `/coach agenda [@person] <text>`: the text is kept as typed (not split into words), so the topic reads
 * back exactly; a mention at the start names whose 1:1 it is for.
 */
function parseAgenda(text: string): TCoachCommand {
  let rest = text.trim().replace(/^agenda\b/i, '');
  const mention = LEADING_MENTION.exec(rest);
  if (mention) rest = rest.slice(mention[0].length);
  return { verb: 'agenda', ...(mention ? { withUserId: mention[1]! } : {}), text: rest.trim() };
}

function parseExemplar(words: string[]): TCoachCommand {
  const [sub = '', stage = '', link = '', ...title] = words;
  if (sub.toLowerCase() !== 'add' || !stage || !link) return { verb: 'invalid', message: EXEMPLAR_USAGE };
  // The same checks as a reviewed call's link: http(s) only, no credentials, not too long.
  const checked = checkRecordingLink(link);
  if (!checked.ok) return { verb: 'invalid', message: `${checked.message} ${EXEMPLAR_USAGE}` };
  const text = title.join(' ').trim();
  if (!text) return { verb: 'invalid', message: `Give the recording a title. ${EXEMPLAR_USAGE}` };
  return { verb: 'exemplar add', stage: stage.toLowerCase(), url: checked.url, title: text.slice(0, 150) };
}

/** Written escaped: `<link>` would be read by Slack as a link token. */
export const REVIEW_USAGE = 'Share feedback on a rep’s call with `/coach review @rep &lt;link&gt; [deal] [stage]`, or ask your manager to review a call of your own with `/coach review request &lt;link&gt; [note]`.';

/**
 * `/coach review @rep <link> [deal] [stage]` (the words after the link are the deal and stage, read against the rep's
 * deals and the workspace's stages later), `/coach review request <link> [note…]` (the note kept as typed) and
 * `/coach review request cancel [<link>]` (take a request back; `/coach review cancel` is pointed there).
 */
function parseReview(text: string, userIds: readonly string[], rest: readonly string[], plainAtNames: readonly string[]): TCoachCommand {
  const usage = REVIEW_USAGE;
  if (rest.length === 0 && userIds.length === 0 && plainAtNames.length === 0) return { verb: 'invalid', message: usage };
  if (rest[0]?.toLowerCase() === 'request' || rest[0]?.toLowerCase() === 'requests') return parseReviewRequest(text);
  if (userIds.length === 0 && CANCEL_WORDS.test(rest[0] ?? '')) return { verb: 'invalid', message: CANCEL_HINT };
  if (plainAtNames.length > 0) return { verb: 'invalid', message: mentionHint(plainAtNames[0]!) };
  if (userIds.length > 1) return { verb: 'invalid', message: 'One rep at a time, please: `/coach review @rep &lt;link&gt;`.' };
  if (userIds.length === 0) return { verb: 'invalid', message: `Whose call? Mention the rep. ${usage}` };
  const link = checkRecordingLink(rest[0] ?? '');
  if (!link.ok) return { verb: 'invalid', message: link.message };
  // The name Slack put in the mention (`<@U…|dana>`), for answers about someone Canopy has no profile of.
  const userName = new RegExp(`<@${userIds[0]}\\|([^>]+)>`).exec(text)?.[1];
  return { verb: 'review', userId: userIds[0]!, ...(userName !== undefined && { userName }), url: link.url, words: rest.slice(1) };
}

const REQUEST_NAMES_NOBODY =
  'A request is for a call of your own, so it names nobody before the link: `/coach review request &lt;link&gt; [note]`. Your manager sees it on their Canopy Home tab and in the brief before your next 1:1.';
const CANCEL_WORDS = /^(cancel|withdraw|remove|delete)$/i;
const CANCEL_HINT = 'To take back a request for a review, use `/coach review request cancel` (or `/coach review request cancel &lt;link&gt;` for one call).';

/**
 * `/coach review request <link> [note]`: the first word after `request` is the link (a mention or `@name` there is
 * refused — the request is the asker's own); the note is the rest as typed, mentions of colleagues in it kept as
 * text. A note that starts like the rest of a web address means the link was broken by a space.
 */
function parseReviewRequest(text: string): TCoachCommand {
  const afterVerb = text.trim().replace(/^reviews?\s+requests?\b/i, '').trim();
  const words = commandWords(afterVerb);
  const [first = ''] = words;
  if (CANCEL_WORDS.test(first)) return parseRequestCancel(words.slice(1));
  if (/^<@[UW]/.test(first) || (first.startsWith('@') && first.length > 1)) return { verb: 'invalid', message: REQUEST_NAMES_NOBODY };
  const link = checkRecordingLink(first);
  if (!link.ok) return { verb: 'invalid', message: link.message };
  // The note as typed (spacing kept), after the link; a labelled mention reads as `@name` (it is shown, never pings).
  const note = afterVerb.slice(afterVerb.indexOf(first) + first.length).trim();
  if (continuesLink(note.split(/\s+/)[0] ?? '')) return { verb: 'invalid', message: brokenLinkMessage(first) };
  return { verb: 'review request', url: link.url, note: note.replace(/<@([UW][A-Z0-9]{2,})\|([^>]+)>/g, '@$2') };
}

/**
 * `/coach review request cancel [<link>]`: alone, the only open request (or the list); with one link, that link's
 * request; anything else after it (a number, several words) gets the list to pick from, never a guess.
 */
function parseRequestCancel(after: readonly string[]): TCoachCommand {
  if (after.length === 0) return { verb: 'review request cancel' };
  const link = after.length === 1 ? checkRecordingLink(after[0]!) : undefined;
  if (link?.ok) return { verb: 'review request cancel', which: { kind: 'link', url: link.url } };
  return { verb: 'review request cancel', which: { kind: 'list' } };
}

function mentionHint(name: string): string {
  const safe = name.slice(0, 40).replace(/[`<>&]/g, '');
  return `I couldn't tell who \`${safe}\` is — pick the person from Slack's @-autocomplete so the name turns into a mention.`;
}

import type { DateTime } from 'luxon';

/*
 * Whether a Slack status says the person is away (SPEC §2: "while their Slack status says they are away
 * (out of office, vacation, sick)"). Deliberately narrow: a wrong "away" only delays a nudge, but a wrong
 * "here" messages someone on leave, so we match what people actually write when they are off and leave
 * out statuses of people who are working somewhere else.
 *
 * Not away, on purpose: :airplane: and :luggage: (travelling is often travelling to a customer),
 * :spiral_calendar_pad: (Slack's "In a meeting"), :house_with_garden: ("Working remotely"), :bus: / :train:
 * ("Commuting"), :headphones: ("Focusing").
 */

/** A Slack status: emoji (':palm_tree:'), text, and when it expires. */
export type TAwayStatus = { emoji: string; text: string; expiresAt: number | null /* epoch ms; null = no expiry */ };

const AWAY_EMOJI = new Set([
  // Slack's own presets: "Vacationing" and "Out sick".
  'palm_tree', 'face_with_thermometer',
  // Holidays and leave.
  'desert_island', 'beach_with_umbrella', 'beach', 'island', 'baby', 'baby_bottle',
  // Ill.
  'thermometer', 'sick', 'nauseated_face', 'face_vomiting', 'sneezing_face', 'mask',
  // Common custom emoji and a plain "do not expect me".
  'no_entry', 'away', 'ooo', 'out_of_office', 'vacation', 'pto', 'sick_day', 'on_leave',
]);

// Whole words or phrases, any case. Several languages, because teams write their status in their own.
const AWAY_PHRASES = [
  // English
  'ooo', 'out of office', 'out-of-office', 'out of the office', 'on vacation', 'vacation', 'vacationing', 'holiday', 'holidays',
  'on holiday', 'pto', 'sick', 'out sick', 'off sick', 'sick leave', 'off today', 'day off', 'off work', 'time off', 'annual leave',
  'parental leave', 'maternity leave', 'paternity leave', 'on leave', 'away', 'bank holiday',
  // German
  'urlaub', 'im urlaub', 'krank', 'abwesend', 'elternzeit', 'nicht im büro', 'feiertag',
  // French
  'congé', 'congés', 'en congé', 'vacances', 'en vacances', 'malade', 'absent', 'absente', 'arrêt maladie',
  // Spanish / Portuguese / Italian
  'vacaciones', 'de vacaciones', 'enfermo', 'enferma', 'de baja', 'ausente', 'fuera de la oficina', 'férias', 'de férias',
  'doente', 'ferie', 'in ferie', 'in vacanza', 'malattia',
  // Dutch / Nordic
  'vakantie', 'op vakantie', 'ziek', 'afwezig', 'syk', 'sjuk', 'lomalla',
];
// Scripts without spaces between words: matched as substrings.
const AWAY_SUBSTRINGS = ['休暇', '休み', '不在', '病欠', '請假', '休假', '病假', '휴가'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// \b is ASCII-only in JS regexes, so 'congé' would never end a word: use Unicode letter lookarounds instead.
const AWAY_TEXT = new RegExp(`(?<![\\p{L}\\p{N}])(?:${AWAY_PHRASES.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
// "Back from vacation" says the opposite of away.
const BACK_FROM = /(?<![\p{L}\p{N}])(?:just\s+)?back\s+from\s+[\p{L}\p{N}-]+(?:\s+leave)?/giu;

/** The emoji's name without colons or a skin tone: ':baby::skin-tone-3:' → 'baby'. */
function emojiName(emoji: string): string {
  return emoji.trim().toLowerCase().replace(/^:/, '').split(':')[0] ?? '';
}

/** True when the status text says away (by a whole word or phrase, any case), ignoring "back from …". */
export function textSaysAway(text: string): boolean {
  const cleaned = text.replace(BACK_FROM, ' ');
  return AWAY_TEXT.test(cleaned) || AWAY_SUBSTRINGS.some((s) => cleaned.includes(s));
}

/** True when the status, still in force at `at`, says the person is out of office, on leave, on vacation or sick. */
export function isAway(status: TAwayStatus | null, at: DateTime): boolean {
  if (!status) return false;
  // Slack writes 0 for "never expires"; treat it (and null) as no expiry rather than as expired in 1970.
  if (status.expiresAt !== null && status.expiresAt > 0 && status.expiresAt <= at.toMillis()) return false;
  return AWAY_EMOJI.has(emojiName(status.emoji)) || textSaysAway(status.text);
}

/** How a status reads in a reason: ':palm_tree: Vacation'. */
export function describeStatus(status: TAwayStatus): string {
  return [status.emoji.trim(), status.text.trim()].filter((s) => s !== '').join(' ');
}

import { FORMER_COLLEAGUE, triedText } from '../../domain/call-reviews';
import { inline } from './brief-sections';
import { recordingLink, truncate } from './escape';
import type { TReviewSummary } from './view-models/call-reviews';

/*
 * The pieces of a call review every surface writes the same way (the rep's DM and digest, Home, the brief,
 * `/coach focus`): the recording named by its deal or site and day, the reviewer (or a former colleague), the one
 * thing's stage, and whether it was tried.
 */

const LABEL_MAX = 80;
const NAME_MAX = 80;
const STAGE_MAX = 40;

/** The recording's link on the review's name: `<url|Dunder Mifflin 231 call, Fri 4 Dec>`. */
export function reviewLink(review: Pick<TReviewSummary, 'url' | 'label'>): string {
  return recordingLink(review.url, truncate(review.label, LABEL_MAX));
}

/** Who wrote it, escaped; `FORMER_COLLEAGUE` once forgotten (`capital` at the start of a sentence). */
export function reviewerText(name: string | null, capital = false): string {
  if (name !== null && name.trim() !== '') return inline(name, NAME_MAX);
  return capital ? FORMER_COLLEAGUE.charAt(0).toUpperCase() + FORMER_COLLEAGUE.slice(1) : FORMER_COLLEAGUE;
}

/** ` (Discovery)` after "One thing", or nothing when the review names no stage. */
export function stageSuffix(stageName: string | null): string {
  return stageName !== null && stageName.trim() !== '' ? ` (${inline(stageName, STAGE_MAX)})` : '';
}

/** "You tried it" (the rep reading; `who` names them for anyone else) or "not tried yet", with its mark. */
export function triedMark(tried: boolean, who: string | null): string {
  return tried ? `:white_check_mark: ${triedText(true, who === null ? null : inline(who, NAME_MAX))}` : triedText(false, who);
}

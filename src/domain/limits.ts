/*
 * The longest texts Canopy stores for 1:1s: services refuse or clip longer input, and the modals that
 * collect it set the same `max_length`.
 */

/** Longer than any sensible topic, short enough to keep briefs and modals within Slack's limits when shown truncated. */
export const AGENDA_TEXT_MAX = 2_000;

/** A meeting's private notes. */
export const NOTES_MAX = 2_900;

/** One action item. */
export const ACTION_ITEM_TEXT_MAX = 300;

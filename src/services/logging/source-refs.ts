/*
 * Source references: what makes a log idempotent (SPEC §2 Activity). Built here only, because the DM
 * path, the "Log as activity" shortcut and edits and deletions of either must produce the same key for
 * the same Slack message.
 */

/** A Slack message, wherever it was logged from: its channel and ts. */
export function messageSourceRef(channel: string, ts: string): string {
  return `msg:${channel}:${ts}`;
}

/** One `/log` invocation: Slack does not retry slash commands, but a trigger id is unique per invocation anyway. */
export function slashSourceRef(triggerId: string): string {
  return `slash:${triggerId}`;
}

/** One submitted "Log activity" form: the view's id and hash, so submitting the same form twice logs once. */
export function modalSourceRef(viewId: string, viewHash: string): string {
  return `modal:${viewId}:${viewHash}`;
}

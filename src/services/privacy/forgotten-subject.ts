import { createHash } from 'node:crypto';

/**
 * The audit line's subject for a forgotten person: a SHA-256 of the workspace and Slack id. One-way, and no name:
 * whoever already knows the Slack id can check that it was forgotten, the line itself tells nobody who it was.
 */
export function forgottenSubject(workspaceId: string, slackUserId: string): string {
  return `sha256:${createHash('sha256').update(`${workspaceId}:${slackUserId}`).digest('hex')}`;
}

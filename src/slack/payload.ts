/*
 * Who and where a Bolt payload comes from. Slack puts the workspace in `team.id` for most interactions,
 * but only in `user.team_id` for some (a modal opened from a shared channel, an Enterprise Grid org-wide
 * app), and `team` may be null there: read it one way everywhere.
 */

type TPayloadWithTeam = { team?: { id?: string } | null; user?: { id?: string; team_id?: string } | null; team_id?: string };

/** The workspace (Slack team id) a block action, view submission, shortcut or event body belongs to; '' when Slack sent none. */
export function workspaceOf(body: TPayloadWithTeam): string {
  return body.team?.id ?? body.user?.team_id ?? body.team_id ?? '';
}

/**
 * What the import asks of Slack, behind a port `src/slack` implements: a person's Slack id by e-mail
 * (`users.lookupByEmail`, which needs the `users:read.email` scope).
 */

/** What Slack said of one address: the user, or its error code (`users_not_found` for a stranger). */
export type TEmailLookup = { ok: true; slackUserId: string; tz: string | null } | { ok: false; error: string };

/** Answers by lower-cased e-mail, looked up before the import's transaction (Slack is not asked inside one). */
export type TEmailLookups = ReadonlyMap<string, TEmailLookup>;

export type TSlackDirectoryPort = {
  lookupByEmail(email: string): Promise<TEmailLookup>;
};

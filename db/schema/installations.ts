import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, id, instant } from './columns';

/**
 * One OAuth installation of the app (SPEC §2): a workspace, or an Enterprise Grid org (`teamId` null,
 * `isEnterpriseInstall`). The secrets (bot token, refresh token, any user token) live only in `secrets`,
 * AES-256-GCM ciphertext of Bolt's whole installation object under the key named by `keyId`; the plain
 * columns are what lookups and operators need. Uninstalling or a revoked token clears `secrets` and sets
 * `uninstalledAt`; the row stays as the record. Single-workspace mode (`SLACK_BOT_TOKEN`) has no rows.
 */
export const installations = sqliteTable(
  'installations',
  {
    id: id(),
    /** `<enterpriseId>:<teamId>`, either part empty: one row per workspace install or org install. */
    installKey: text().notNull(),
    enterpriseId: text(),
    teamId: text(),
    isEnterpriseInstall: bool().notNull().default(false),
    appId: text(),
    botId: text(),
    botUserId: text(),
    botScopes: text(),
    installerUserId: text(),
    /** Ciphertext of the installation (`v1.<iv>.<tag>.<data>`, base64url); null once the tokens are deleted. */
    secrets: text(),
    /** Which `CANOPY_ENCRYPTION_KEY` encrypted `secrets` (a fingerprint of the key, never the key). */
    keyId: text(),
    /** When the bot token expires (token rotation); null for tokens that do not expire. */
    botTokenExpiresAt: instant(),
    installedAt: createdAt(),
    updatedAt: instant().notNull().$defaultFn(() => new Date()),
    /** When Slack said the app was uninstalled or its bot token revoked; a later install clears it. */
    uninstalledAt: instant(),
  },
  (t) => [uniqueIndex('installations_key_uq').on(t.installKey), index('installations_team_idx').on(t.teamId), index('installations_enterprise_idx').on(t.enterpriseId)],
);

import { installKeyOf, type TInstallationRow, type TInstallationValues } from '../../../db/repositories/installations';
import type { TSlackInstallation } from './port';
import { encryptSecret, openSecret, type TKeyRing } from './token-crypto';

/** The row's plain columns and its secrets: the whole installation, encrypted under the current key. */
export function sealInstallation(installation: TSlackInstallation, ring: TKeyRing): TInstallationValues {
  const isOrg = installation.isEnterpriseInstall === true;
  const teamId = isOrg ? null : (installation.team?.id ?? null);
  const enterpriseId = installation.enterprise?.id ?? null;
  return {
    installKey: installKeyOf(enterpriseId, teamId),
    enterpriseId,
    teamId,
    isEnterpriseInstall: isOrg,
    appId: installation.appId ?? null,
    botId: installation.bot?.id ?? null,
    botUserId: installation.bot?.userId ?? null,
    botScopes: installation.bot?.scopes?.join(',') ?? null,
    installerUserId: installation.user?.id ?? null,
    secrets: encryptSecret(JSON.stringify(installation), ring.current),
    keyId: ring.currentId,
    botTokenExpiresAt: installation.bot?.expiresAt ? new Date(installation.bot.expiresAt * 1000) : null,
  };
}

/** The installation a row holds, or null once its tokens were deleted. */
export function openInstallation(row: TInstallationRow, ring: TKeyRing): TSlackInstallation | null {
  if (row.secrets === null) return null;
  return JSON.parse(openSecret(ring, row.secrets, row.keyId)) as TSlackInstallation;
}

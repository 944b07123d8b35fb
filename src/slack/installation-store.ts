import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { TDb } from '../../db/client';
import { findInstallation } from '../services/installations/find-installation';
import type { TSlackInstallation } from '../services/installations/port';
import { recordUninstall } from '../services/installations/record-uninstall';
import { storeInstallation } from '../services/installations/store-installation';
import type { TKeyRing } from '../services/installations/token-crypto';

/*
 * Bolt's InstallationStore on our database. Bolt calls `storeInstallation` twice over: after the OAuth flow (a new
 * install) and from `authorize` when it refreshed a rotating token (it spreads the object `fetchInstallation`
 * returned). The install instant must move only for the first, so what this store hands out carries a mark (a symbol,
 * copied by the spread, never serialised) that tells a refresh from an install.
 */
const FETCHED = Symbol('canopy.fetchedInstallation');

export function createInstallationStore(options: { db: TDb; ring: TKeyRing; now: () => Date }): InstallationStore {
  const { db, ring, now } = options;
  return {
    async storeInstallation(installation) {
      const refreshed = FETCHED in installation;
      await storeInstallation(db, ring, installation as unknown as TSlackInstallation, { at: now(), refreshed });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await findInstallation(db, ring, query);
      // Bolt turns a throw here into "authorization failed" for the request (it is then acked and dropped).
      if (!found) throw new Error(`no installation for ${describe(query)}`);
      return Object.assign(found.installation as unknown as Installation, { [FETCHED]: true });
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const at = now();
      await recordUninstall(db, { teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall, eventTime: at, at });
    },
  };
}

const describe = (query: InstallationQuery<boolean>) =>
  query.isEnterpriseInstall ? `org ${query.enterpriseId}` : `workspace ${query.teamId}${query.enterpriseId ? ` (org ${query.enterpriseId})` : ''}`;

import * as pgSchema from '../../db/schema-pg/index';
import * as sqliteSchema from '../../db/schema/index';
import { testPostgresUrl } from './postgres';

/**
 * The tables of the engine this run of the suite uses (PostgreSQL with DATABASE_URL, else SQLite), typed as the
 * SQLite ones like the repositories' handles: tests that write fixture rows directly use `s.people` and await the
 * query builders, and run unchanged on both engines.
 */
export const s = (testPostgresUrl() ? pgSchema : sqliteSchema) as unknown as typeof sqliteSchema;

import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { closeDb } from '../../db/client';
import { openPostgres } from '../../db/postgres';
import { testPostgresUrl, withDatabaseName } from './postgres';

/**
 * With DATABASE_URL set, the whole suite runs on PostgreSQL: one migrated template database per run, which each
 * test copies (test/support/postgres.ts); at the end every database of the run is dropped.
 */
export default async function setup(project: TestProject) {
  const url = testPostgresUrl();
  if (!url) {
    project.provide('postgresTemplate', undefined);
    return;
  }
  const run = `canopy_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${run}_tpl`;
  await adminQuery(url, `create database "${template}"`);
  await closeDb(await openPostgres(withDatabaseName(url, template), { poolMax: 1 }));
  project.provide('postgresTemplate', template);
  return async () => {
    const names = await adminQuery(url, `select datname from pg_database where datname like '${run}%' order by datname desc`);
    for (const { datname } of names) await adminQuery(url, `drop database if exists "${datname}" with (force)`);
  };
}

async function adminQuery(url: string, text: string): Promise<{ datname: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

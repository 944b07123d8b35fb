import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { preparedFor, statement } from '../prepared';
import { changedRows, epochMs, first, rawRows } from '../query';
import type { deliveries } from '../schema/index';

export type TDeliveryRow = typeof deliveries.$inferSelect;
export type TDeliveryKind = TDeliveryRow['kind'];
export type TDeliveryStatus = TDeliveryRow['status'];
export type TNewDelivery = Pick<TDeliveryRow, 'workspaceId' | 'kind' | 'recipientId' | 'periodKey' | 'status' | 'reason' | 'dueAt' | 'subjectId' | 'createdAt'>;

/** True when the thread was started by one of our check-ins: the only channel threads Canopy reads. */
export async function isCheckinThread(db: TDb, workspaceId: string, channel: string, threadTs: string): Promise<boolean> {
  const { deliveries } = tablesOf(db);
  const row = await first(
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.slackChannel, channel),
          eq(deliveries.slackTs, threadTs),
          eq(deliveries.workspaceId, workspaceId),
          eq(deliveries.kind, 'checkin'),
        ),
      )
      .limit(1),
  );
  return row !== undefined;
}

// On every send (claim, compose, record): prepared once per connection (SQLite).
const deliveryById = preparedFor((db) => {
  const { deliveries } = tablesOf(db);
  return db.select().from(deliveries).where(eq(deliveries.id, sql.placeholder('id'))).prepare();
});

export async function findDeliveryById(db: TDb, id: number): Promise<TDeliveryRow | undefined> {
  if (db.$engine === 'sqlite') return deliveryById(db).get({ id });
  const { deliveries } = tablesOf(db);
  return first(db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1));
}

/*
 * The planner's hot path: one key lookup and at most one insert per delivery, 10,000 at a time on a busy
 * run. Compiled once per connection (a drizzle-built query costs ~100 µs each); being on the same connection,
 * they run inside the planner's write transaction. On PostgreSQL the same statements, one round trip each, on the
 * handle given (the transaction's inside one): the insert stays one `insert … on conflict do nothing returning`, so
 * claiming a key is atomic there too.
 */
const SELECT_ID_BY_KEY = 'select id from deliveries where kind = ? and recipient_id = ? and period_key = ?';
const INSERT_IF_ABSENT =
  'insert into deliveries (workspace_id, kind, recipient_id, period_key, status, reason, due_at, subject_id, created_at) ' +
  'values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id';

/** The id of the delivery under this key, if recorded. */
export async function findDeliveryIdByKey(db: TDb, key: Pick<TDeliveryRow, 'kind' | 'recipientId' | 'periodKey'>): Promise<number | undefined> {
  if (db.$engine === 'sqlite') {
    const row = statement(db, SELECT_ID_BY_KEY).get(key.kind, key.recipientId, key.periodKey) as { id: number } | undefined;
    return row?.id;
  }
  const { deliveries } = tablesOf(db);
  const row = await first(
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.kind, key.kind), eq(deliveries.recipientId, key.recipientId), eq(deliveries.periodKey, key.periodKey)))
      .limit(1),
  );
  return row?.id;
}

/** As insertDeliveryIfAbsent, returning only the new id (undefined when the key was already there). */
export async function insertDeliveryIdIfAbsent(db: TDb, values: TNewDelivery): Promise<number | undefined> {
  if (db.$engine === 'postgres') {
    const { deliveries } = tablesOf(db);
    const rows = await db
      .insert(deliveries)
      .values({
        workspaceId: values.workspaceId,
        kind: values.kind,
        recipientId: values.recipientId,
        periodKey: values.periodKey,
        status: values.status,
        reason: values.reason,
        dueAt: values.dueAt,
        subjectId: values.subjectId,
        createdAt: values.createdAt,
      })
      .onConflictDoNothing({ target: [deliveries.kind, deliveries.recipientId, deliveries.periodKey] })
      .returning({ id: deliveries.id });
    return rows[0]?.id;
  }
  const row = statement(db, INSERT_IF_ABSENT).get(
    values.workspaceId,
    values.kind,
    values.recipientId,
    values.periodKey,
    values.status,
    values.reason,
    values.dueAt?.getTime() ?? null,
    values.subjectId,
    values.createdAt.getTime(),
  ) as { id: number } | undefined;
  return row?.id;
}


export type TDeliverable = Pick<TDeliveryRow, 'id' | 'workspaceId' | 'kind' | 'status' | 'dueAt'>;

/**
 * Deliveries still to send, due by `dueBy`: pending ones and ones a sender claimed (`sending`: in flight,
 * or its sender died). Oldest first. The planner re-enqueues them all, so a lost queue job is found again.
 */
export async function listDeliverable(db: TDb, options: { workspaceId?: string; dueBy: Date }): Promise<TDeliverable[]> {
  const { deliveries } = tablesOf(db);
  return db
    .select({ id: deliveries.id, workspaceId: deliveries.workspaceId, kind: deliveries.kind, status: deliveries.status, dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(
      and(
        inArray(deliveries.status, ['pending', 'sending']),
        lte(deliveries.dueAt, options.dueBy),
        options.workspaceId === undefined ? undefined : eq(deliveries.workspaceId, options.workspaceId),
      ),
    )
    .orderBy(asc(deliveries.dueAt), asc(deliveries.id));
}

/** A delivery with the Slack user id of its recipient, for the CLI's table. */
export type TDeliveryWithRecipient = TDeliveryRow & { recipientSlackId: string; recipientName: string };

export async function findDeliveriesWithRecipients(db: TDb, ids: readonly number[]): Promise<TDeliveryWithRecipient[]> {
  if (ids.length === 0) return [];
  const { deliveries, people } = tablesOf(db);
  // The ids as one parameter, any number of them (SQLite caps bound variables at 32,766): a JSON array on SQLite,
  // an int[] on PostgreSQL.
  const rows = await db
    .select({ delivery: deliveries, recipientSlackId: people.slackUserId, recipientName: people.name })
    .from(deliveries)
    .innerJoin(people, eq(people.id, deliveries.recipientId))
    .where(
      db.$engine === 'sqlite'
        ? inArray(deliveries.id, sql`(select value from json_each(${JSON.stringify(ids)}))`)
        : sql`${deliveries.id} = any(${sql.param(ids)}::int[])`,
    )
    // PostgreSQL sorts nulls last; SQLite, first: undated ones lead on both.
    .orderBy(db.$engine === 'sqlite' ? asc(deliveries.dueAt) : sql`${deliveries.dueAt} asc nulls first`, asc(deliveries.id));
  return rows.map((r) => ({ ...r.delivery, recipientSlackId: r.recipientSlackId, recipientName: r.recipientName }));
}

/** A delivery as the planner reports it: its key fields, decision and recipient (no message columns). */
export type TPlannedDeliveryRow = Pick<TDeliveryRow, 'id' | 'kind' | 'status' | 'reason' | 'dueAt' | 'createdAt'> & { recipientSlackId: string; recipientName: string };

/**
 * The planner's summary of every delivery a run touched (tens of thousands over many workspaces): one plain
 * statement over the ids as a JSON array, only the columns reported, ordered as `findDeliveriesWithRecipients`.
 */
export async function listPlannedDeliveries(db: TDb, ids: readonly number[]): Promise<TPlannedDeliveryRow[]> {
  if (ids.length === 0) return [];
  type TRow = [number, TDeliveryKind, TDeliveryStatus, string, number | null, number, string, string];
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select d.id, d.kind, d.status, d.reason, d.due_at, d.created_at, p.slack_user_id, p.name from json_each(?) k
     cross join deliveries d on d.id = k.value join people p on p.id = d.recipient_id
     order by d.due_at, d.id`,
        )
          .raw()
          .all(JSON.stringify(ids)) as TRow[])
      : (
          await rawRows<{ id: number; kind: TDeliveryKind; status: TDeliveryStatus; reason: string; due_at: number | null; created_at: number; slack_user_id: string; name: string }>(
            db,
            sql`select d.id, d.kind, d.status, d.reason, ${epochMs(db, sql`d.due_at`)} as due_at, ${epochMs(db, sql`d.created_at`)} as created_at,
       p.slack_user_id, p.name
     from deliveries d join people p on p.id = d.recipient_id
     where d.id = any(${sql.param(ids)}::int[])
     order by d.due_at nulls first, d.id`,
          )
        ).map((r): TRow => [r.id, r.kind, r.status, r.reason, r.due_at, r.created_at, r.slack_user_id, r.name]);
  return rows.map(([id, kind, status, reason, dueAt, createdAt, recipientSlackId, recipientName]) => ({
    id,
    kind,
    status,
    reason,
    dueAt: dueAt === null ? null : new Date(dueAt),
    createdAt: new Date(createdAt),
    recipientSlackId,
    recipientName,
  }));
}

/** Sets fields of a delivery, only while it is in one of `fromStatuses`; false when it was not (someone else moved it). */
export async function updateDelivery(
  db: TDb,
  id: number,
  fromStatuses: readonly TDeliveryStatus[],
  set: Partial<Pick<TDeliveryRow, 'status' | 'reason' | 'error' | 'claimedAt' | 'attempts' | 'slackChannel' | 'slackTs' | 'sentAt'>>,
): Promise<boolean> {
  // Raw SQL compiled once per shape (which columns, how many statuses): every send updates its row two or three times.
  const keys = (Object.keys(set) as (keyof typeof set)[]).filter((key) => set[key] !== undefined).sort();
  if (keys.length === 0) return false;
  if (db.$engine === 'postgres') {
    // One conditional update: atomic (a concurrent claimer waits on the row, then re-checks the status and finds it moved).
    const { deliveries } = tablesOf(db);
    const values = Object.fromEntries(keys.map((key) => [key, set[key] ?? null]));
    return changedRows(await db.update(deliveries).set(values).where(and(eq(deliveries.id, id), inArray(deliveries.status, [...fromStatuses])))) > 0;
  }
  const text = `update deliveries set ${keys.map((key) => `${UPDATE_COLUMNS[key]} = ?`).join(', ')} where id = ? and status in (${fromStatuses.map(() => '?').join(', ')})`;
  const values = keys.map((key) => {
    const value = set[key];
    return value instanceof Date ? value.getTime() : (value ?? null);
  });
  return statement(db, text).run(...values, id, ...fromStatuses).changes > 0;
}

const UPDATE_COLUMNS = {
  status: 'status',
  reason: 'reason',
  error: 'error',
  claimedAt: 'claimed_at',
  attempts: 'attempts',
  slackChannel: 'slack_channel',
  slackTs: 'slack_ts',
  sentAt: 'sent_at',
} as const;

/*
 * PostgreSQL: the planner's key lookups and inserts for a whole run, a statement each instead of one round trip
 * per delivery. Keys as `kind|recipientId|periodKey` (`recordedKey` in planning-facts).
 */
const pgParam = (values: readonly unknown[]) => sql.param(values);

/** The ids of the deliveries recorded under these keys (PostgreSQL), by `kind|recipientId|periodKey`. */
export async function findDeliveryIdsByKeys(db: TDb, keys: readonly Pick<TDeliveryRow, 'kind' | 'recipientId' | 'periodKey'>[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await rawRows<{ id: number; kind: string; recipient_id: number; period_key: string }>(
    db,
    sql`select d.id, d.kind, d.recipient_id, d.period_key
     from unnest(${pgParam(keys.map((k) => k.kind))}::text[], ${pgParam(keys.map((k) => k.recipientId))}::int[], ${pgParam(keys.map((k) => k.periodKey))}::text[]) as k(kind, recipient_id, period_key)
     join deliveries d on d.kind = k.kind and d.recipient_id = k.recipient_id and d.period_key = k.period_key`,
  );
  return new Map(rows.map((r) => [`${r.kind}|${r.recipient_id}|${r.period_key}`, r.id]));
}

/** Inserts each delivery whose key is absent (PostgreSQL, one statement); the new ids by `kind|recipientId|periodKey`. */
export async function insertDeliveriesIfAbsent(db: TDb, values: readonly TNewDelivery[]): Promise<Map<string, number>> {
  if (values.length === 0) return new Map();
  const at = (d: Date | null) => (d === null ? null : d.toISOString());
  const rows = await rawRows<{ id: number; kind: string; recipient_id: number; period_key: string }>(
    db,
    sql`insert into deliveries (workspace_id, kind, recipient_id, period_key, status, reason, due_at, subject_id, created_at)
     select v.workspace_id, v.kind, v.recipient_id, v.period_key, v.status, v.reason, v.due_at, v.subject_id, v.created_at
     from unnest(${pgParam(values.map((v) => v.workspaceId))}::text[], ${pgParam(values.map((v) => v.kind))}::text[], ${pgParam(values.map((v) => v.recipientId))}::int[],
       ${pgParam(values.map((v) => v.periodKey))}::text[], ${pgParam(values.map((v) => v.status))}::text[], ${pgParam(values.map((v) => v.reason))}::text[],
       ${pgParam(values.map((v) => at(v.dueAt)))}::timestamptz[], ${pgParam(values.map((v) => v.subjectId))}::int[], ${pgParam(values.map((v) => at(v.createdAt)))}::timestamptz[])
       with ordinality as v(workspace_id, kind, recipient_id, period_key, status, reason, due_at, subject_id, created_at, ord)
     order by v.ord
     on conflict do nothing returning id, kind, recipient_id, period_key`,
  );
  return new Map(rows.map((r) => [`${r.kind}|${r.recipient_id}|${r.period_key}`, r.id]));
}

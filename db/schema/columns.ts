import { integer, real, text } from 'drizzle-orm/sqlite-core';

// The column types every table is built from, for SQLite; db/schema-pg/columns.ts has the same names for
// PostgreSQL, so a table file reads the same on both sides and test/unit/schema-dialects.test.ts can compare them.

/** Autoincrement, so an id is never reused after a delete. */
export const id = () => integer().primaryKey({ autoIncrement: true });

/** All instants are stored as UTC epoch milliseconds; zones are applied only when rendering or scheduling. */
export const instant = () => integer({ mode: 'timestamp_ms' });

export const createdAt = () =>
  instant()
    .notNull()
    .$defaultFn(() => new Date());

/** SQLite has no boolean: 0 or 1, read back as a boolean. */
export const bool = () => integer({ mode: 'boolean' });

/** A JSON document, stored as text and parsed on read; `T` is what the code trusts it to hold. */
export const json = <T>() => text({ mode: 'json' }).$type<T>();

/** A floating-point number (goal targets, expected gains). */
export const float = () => real();

/** An integer that may exceed 2^31 (money in cents); SQLite's integers are 64-bit already. */
export const wideInteger = () => integer();

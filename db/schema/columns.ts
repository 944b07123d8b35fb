import { integer } from 'drizzle-orm/sqlite-core';

/** All instants are stored as UTC epoch milliseconds; zones are applied only when rendering or scheduling. */
export const instant = () => integer({ mode: 'timestamp_ms' });

export const createdAt = () =>
  instant()
    .notNull()
    .$defaultFn(() => new Date());

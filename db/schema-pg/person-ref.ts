import { integer } from 'drizzle-orm/pg-core';
import { people } from './people';

/** The person a row is about; it goes when they do. */
export const personRef = () =>
  integer()
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' });

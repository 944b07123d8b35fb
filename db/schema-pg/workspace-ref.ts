import { text } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** The owning workspace: every row belongs to exactly one, and goes with it. */
export const workspaceRef = () =>
  text()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

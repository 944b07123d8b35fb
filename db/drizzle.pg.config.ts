import { defineConfig } from 'drizzle-kit';

// PostgreSQL's schema and migrations, beside SQLite's (drizzle.config.ts): drizzle has no dialect-neutral schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg/index.ts',
  out: './db/migrations-pg',
  casing: 'snake_case',
});

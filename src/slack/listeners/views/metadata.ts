import type { z } from 'zod';

/** A modal's `private_metadata` as `schema` says, or undefined when it is not JSON or not that shape (an old or forged form). */
export function metadataOf<T>(raw: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

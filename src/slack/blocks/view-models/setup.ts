import type { TSetupField } from '../../../domain/setup-text';

/** What the setup modal shows: each field's current text (`setupFormOf`), as the admin will edit it, and the working days to tick. */
export type TSetupModalView = { form: Record<TSetupField, string>; workingDays: number[] };

/** How much of a message is read: the raw text is stored anyway, so nothing beyond is lost. */
export const MAX_INPUT_CHARS = 2000;

/** How many items one message may log; a longer list is more likely a paste than a day's work. */
export const MAX_ITEMS = 25;

/** A deal name longer than this is a sentence that was misread, not a name. */
export const MAX_DEAL_WORDS = 8;
export const MAX_DEAL_CHARS = 80;

/** A problem with a file: its physical line (1 = the header) and a message naming the column. Line 0: not tied to a row. */
export type TLineError = { line: number; message: string };

/** Past this many bad rows the report ends with "…and N more": nobody reads further, and the fix is usually the same. */
export const MAX_REPORTED_ERRORS = 200;

/** Collects problems by line, so that a row with several problems is reported once with all of them. */
export class ErrorSink {
  private readonly byLine = new Map<number, string[]>();

  add(line: number, message: string): void {
    const messages = this.byLine.get(line);
    if (messages) messages.push(message);
    else this.byLine.set(line, [message]);
  }

  get size(): number {
    return this.byLine.size;
  }

  /** The problems in line order, capped at `MAX_REPORTED_ERRORS` rows plus a final "…and N more". */
  list(max = MAX_REPORTED_ERRORS): TLineError[] {
    const lines = [...this.byLine.keys()].sort((a, b) => a - b);
    const shown = lines.slice(0, max).map((line) => ({ line, message: this.byLine.get(line)!.join('; ') }));
    if (lines.length > max) shown.push({ line: 0, message: `…and ${lines.length - max} more bad rows` });
    return shown;
  }
}

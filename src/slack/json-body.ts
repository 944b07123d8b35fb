/**
 * An ack body already serialised as JSON (a `/stats` answer rendered on the stats thread): the HTTP receiver
 * writes it as it is, with a JSON content type, instead of the main thread parsing the thread's message and
 * serialising it again. `instrumentRequests` unwraps it in every request's `ack`; elsewhere, `parsed()`.
 */
export class JsonBody {
  constructor(readonly json: string) {}

  /** The object, for where a string cannot go as it is (Socket Mode, a response_url post). */
  parsed(): Record<string, unknown> {
    return JSON.parse(this.json) as Record<string, unknown>;
  }

  /** An ephemeral reply carrying a rendered message (the JSON of an object with `text` and `blocks`). */
  static ephemeral(messageJson: string): JsonBody {
    // Prepending the field keeps the thread's string as it is: no parse, no copy of the blocks on this thread.
    return new JsonBody(`{"response_type":"ephemeral",${messageJson.slice(1)}`);
  }
}

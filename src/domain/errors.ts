/** An error whose message is safe to show to the person who caused it. */
export class AppError extends Error {
  constructor(
    readonly code: 'not_allowed' | 'not_found' | 'bad_input' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

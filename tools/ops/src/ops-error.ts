/** A failure the operator can act on: printed as one line, with the exit code (2: bad usage). */
export class OpsError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'OpsError';
  }
}

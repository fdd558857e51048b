/**
 * A reason the process cannot start that the operator fixes (a busy port, a DATA_DIR in use or
 * unusable). Its message is one line meant for a person; entry points print it without a stack
 * trace (`Infoview cannot start: …`) and exit 1.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

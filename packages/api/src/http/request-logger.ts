import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** What of pino a request logger uses beyond Fastify's logger interface (absent on other loggers). */
interface PinoLike extends FastifyBaseLogger {
  isLevelEnabled?(level: string): boolean;
  setBindings?(bindings: Bindings): void;
  bindings?(): Bindings;
}

/**
 * A request's logger that makes its pino child only when it first writes a line at an enabled
 * level. Fastify makes a child per request, and pino serialises and redacts (our wildcard paths)
 * the bindings there; at the production level most requests write nothing. A line written still
 * carries every binding (request id, then tenant and key), as the eager child's would.
 */
export class RequestLogger implements FastifyBaseLogger {
  private made: PinoLike | undefined;

  constructor(
    private readonly parent: PinoLike,
    private readonly pending: Bindings,
  ) {}

  private logger(): PinoLike {
    this.made ??= this.parent.child(this.pending) as PinoLike;
    return this.made;
  }

  /** Whether `level` writes; without pino's check the child is made and decides. */
  private writes(level: Level): boolean {
    if (this.made) return true;
    const check = this.parent.isLevelEnabled;
    return typeof check !== 'function' || check.call(this.parent, level);
  }

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  fatal(...args: unknown[]): void {
    if (this.writes('fatal')) this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    if (this.writes('error')) this.write('error', args);
  }
  warn(...args: unknown[]): void {
    if (this.writes('warn')) this.write('warn', args);
  }
  info(...args: unknown[]): void {
    if (this.writes('info')) this.write('info', args);
  }
  debug(...args: unknown[]): void {
    if (this.writes('debug')) this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    if (this.writes('trace')) this.write('trace', args);
  }
  silent(): void {}

  private write(level: Level, args: unknown[]): void {
    (this.logger()[level] as (...a: unknown[]) => void)(...args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  /** Adds bindings to every later line (pino's `setBindings`). */
  setBindings(bindings: Bindings): void {
    if (this.made) this.made.setBindings?.(bindings);
    else Object.assign(this.pending, bindings);
  }

  bindings(): Bindings {
    return this.made?.bindings?.() ?? { ...this.parent.bindings?.(), ...this.pending };
  }
}

/**
 * Fastify's `childLoggerFactory`: a {@link RequestLogger}, or pino's own child when the route asks
 * for its own level or serializers.
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined)
    return logger.child(bindings, options);
  return new RequestLogger(logger, bindings);
}

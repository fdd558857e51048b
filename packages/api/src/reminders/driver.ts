/**
 * How reminders wake up on time. PostgreSQL holds the truth (the outbox); a driver only makes
 * sure the dispatcher looks at each row when it falls due, and can always be rebuilt from it.
 */
export interface ReminderDriver {
  readonly name: 'in-process' | 'bullmq';
  start(): Promise<void>;
  /** Stops waking up; lets in-flight deliveries finish (graceful drain). */
  stop(): Promise<void>;
  /**
   * After a request's transaction committed: schedule the tenant's reminders written since
   * `since`. Losing this call (a crash right after commit) delays nothing for long: the poll or
   * the reconciler finds the rows.
   */
  afterCommit(tenantId: string, since: Date): Promise<void>;
  /** Delivers what is now due for the tenant (its test clock just moved). */
  wakeTenant(tenantId: string): Promise<number>;
  /** Throws when the driver cannot serve (for /readyz). */
  ping(): Promise<void>;
  /**
   * Makes the queue match PostgreSQL again (drivers with a queue of their own): after a student's
   * erasure deleted their pending reminders, the jobs waiting only for them go too.
   */
  reconcile?(): Promise<{ enqueued: number; removed: number }>;
}

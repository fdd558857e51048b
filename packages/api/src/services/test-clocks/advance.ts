import { eq } from 'drizzle-orm';
import { testClocks } from '../../db/schema/test-clocks.js';
import { ServiceError } from '../../errors.js';
import { type ServiceContext, withTransaction } from '../context.js';
import type { TestClockView } from './present.js';
import { requireSandbox, testClockNotFound } from './read.js';
import { setTestClock } from './set.js';

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const MAX_ADVANCE_MS = 5 * 366 * 86_400_000;

/**
 * Milliseconds in `by`: seconds as a number, or an ISO 8601 duration of weeks, days, hours,
 * minutes and seconds (`P14D`, `PT36H`, `P1DT2H30M`); a day is 24 hours.
 */
export function durationMs(by: string | number): number | null {
  if (typeof by === 'number') return Number.isFinite(by) && by > 0 ? Math.round(by * 1000) : null;
  const m = ISO_DURATION.exec(by);
  if (!m || by === 'P' || by.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  const ms = ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
  return ms > 0 ? Math.round(ms) : null;
}

/** Moves the tenant's test clock forward by `by`. */
export async function advanceTestClock({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { by: string | number };
}): Promise<TestClockView> {
  await requireSandbox(ctx);
  const ms = durationMs(input.by);
  if (ms === null || ms > MAX_ADVANCE_MS) {
    throw new ServiceError(
      'request.validation_failed',
      'by must be positive seconds or an ISO 8601 duration (P14D, PT2H) up to 5 years',
      {
        errors: [{ path: '/body/by', message: 'is not a positive duration' }],
      },
    );
  }
  return withTransaction(ctx, async (ctx) => {
    const [row] = await ctx.db
      .select({ frozenTime: testClocks.frozenTime })
      .from(testClocks)
      .where(eq(testClocks.tenantId, ctx.tenantId))
      .for('update');
    if (!row) throw testClockNotFound();
    return setTestClock({ ctx, input: { at: new Date(row.frozenTime.getTime() + ms) } });
  });
}

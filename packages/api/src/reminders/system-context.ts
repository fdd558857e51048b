import type { Actor, ServiceContext } from '../services/context.js';
import type { ChannelEnv } from './channels/channel.js';

/** Deliveries and timed transitions run as this actor (no API key is involved). */
export const SYSTEM_ACTOR: Actor = {
  apiKeyId: '00000000-0000-0000-0000-000000000000',
  scope: 'admin',
  role: 'admin',
  studentId: null,
  advisorId: null,
  actingAs: false,
};

/** A service context for one tenant, as the delivery layer calls services (the system, real time by default). */
export function systemContext(
  env: Pick<ChannelEnv, 'db' | 'log' | 'clock'>,
  tenantId: string,
  now: () => Date = env.clock,
): ServiceContext {
  return { db: env.db, tenantId, actor: SYSTEM_ACTOR, now, log: env.log };
}

import type { SessionKind, SessionRow } from '../../db/schema/sessions.js';
import type { SessionComponent } from './components.js';

/** A browser session as the API shows it (never its secret). */
export interface SessionView {
  id: string;
  kind: SessionKind;
  studentId: string | null;
  advisorId: string | null;
  components: SessionComponent[];
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

export const presentSession = (row: SessionRow): SessionView => ({
  id: row.id,
  kind: row.kind,
  studentId: row.studentId,
  advisorId: row.advisorId,
  // Validated against the component names when the session was minted.
  components: row.components as SessionComponent[],
  expiresAt: row.expiresAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

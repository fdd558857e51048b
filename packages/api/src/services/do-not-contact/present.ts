import type {
  DoNotContactKind,
  DoNotContactReason,
  DoNotContactRow,
} from '../../db/schema/do-not-contact.js';

/** An entry of the list as the API shows it: never the email or URL it hashes. */
export interface DoNotContactView {
  id: string;
  kind: DoNotContactKind;
  reason: DoNotContactReason;
  createdAt: string;
}

export const presentDoNotContact = (row: DoNotContactRow): DoNotContactView => ({
  id: row.id,
  kind: row.kind,
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
});

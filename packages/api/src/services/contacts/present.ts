import type { ContactSource } from '@infoview/core';
import type { ContactRow } from '../../db/schema/contacts.js';

export interface ContactView {
  id: string;
  studentId: string;
  name: string;
  organization: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  profileUrl: string | null;
  source: ContactSource;
  known: boolean;
  referrerContactId: string | null;
  foundVia: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentContact = (row: ContactRow): ContactView => ({
  id: row.id,
  studentId: row.studentId,
  name: row.name,
  organization: row.organization,
  title: row.title,
  email: row.email,
  phone: row.phone,
  profileUrl: row.profileUrl,
  source: row.source,
  known: row.known,
  referrerContactId: row.referrerContactId,
  foundVia: row.foundVia,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

import type { Channel, TouchpointKind } from '@infoview/core';
import type { TouchpointRow } from '../../db/schema/network.js';

export interface TouchpointView {
  id: string;
  studentId: string;
  contactId: string;
  kind: TouchpointKind;
  channel: Channel | null;
  at: string;
  aboutContactId: string | null;
  milestoneId: string | null;
  summary: string | null;
  version: number;
  createdAt: string;
}

export const presentTouchpoint = (row: TouchpointRow): TouchpointView => ({
  id: row.id,
  studentId: row.studentId,
  contactId: row.contactId,
  kind: row.kind,
  channel: row.channel,
  at: row.at.toISOString(),
  aboutContactId: row.aboutContactId,
  milestoneId: row.milestoneId,
  summary: row.summary,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

import type { MessageKind } from '@infoview/core';
import type { MessageRow } from '../../db/schema/content.js';

export interface MessageView {
  id: string;
  studentId: string;
  interviewId: string | null;
  kind: MessageKind;
  subject: string | null;
  body: string;
  sentAt: string;
  version: number;
  createdAt: string;
}

export const presentMessage = (row: MessageRow): MessageView => ({
  id: row.id,
  studentId: row.studentId,
  interviewId: row.interviewId,
  kind: row.kind,
  subject: row.subject,
  body: row.body,
  sentAt: row.sentAt.toISOString(),
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

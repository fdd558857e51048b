import type { NoteRow } from '../../db/schema/network.js';

export interface NoteView {
  id: string;
  interviewId: string;
  studentId: string;
  notes: string;
  learnedPoints: string[];
  at: string;
  version: number;
  createdAt: string;
}

export const presentNote = (row: NoteRow): NoteView => ({
  id: row.id,
  interviewId: row.interviewId,
  studentId: row.studentId,
  notes: row.text,
  learnedPoints: row.learnedPoints,
  at: row.at.toISOString(),
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

import type { Interview, InterviewState, TimelineEntry, Topic } from '@infoview/core';
import type { InterviewFacts } from '../../db/schema/interviews.js';

interface SnapshotRow {
  id: string;
  contactId: string;
  state: InterviewState;
  topics: Topic[];
  facts: InterviewFacts;
  eventCount?: number;
  lastEventAt?: Date | null;
}

/**
 * Core's snapshot from a row. The lifecycle reads only the timeline's last instant (events may
 * not go back in time), so instead of the whole timeline the snapshot carries one stand-in entry;
 * the caller numbers the new entry from `event_count`.
 */
export function snapshotOf(row: SnapshotRow): Interview {
  const timeline: TimelineEntry[] =
    row.lastEventAt && (row.eventCount ?? 0) > 0
      ? [
          {
            seq: row.eventCount!,
            at: row.lastEventAt.getTime(),
            type: 'previous',
            from: row.state,
            to: row.state,
            actor: { kind: 'system' },
          },
        ]
      : [];
  return {
    ...row.facts,
    id: row.id,
    contactId: row.contactId,
    state: row.state,
    topics: row.topics,
    timeline,
  };
}

/** What of a snapshot goes in the `facts` column. */
export function factsOf(snapshot: Interview): InterviewFacts {
  const { id: _id, contactId: _c, state: _s, topics: _t, timeline: _tl, ...facts } = snapshot;
  return facts;
}

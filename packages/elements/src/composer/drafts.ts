/** A draft as the browser keeps it between visits. */
export interface StoredDraft {
  subject: string;
  body: string;
  savedAt: string;
}

const PREFIX = 'infoview-composer:';

const keyOf = (interviewId: string, kind: string) => `${PREFIX}${interviewId}:${kind}`;

/**
 * Drafts per interview and message kind in `localStorage`, so a reload or a new session secret
 * loses nothing; removed once the message is recorded as sent. A browser that refuses storage
 * (private mode, a full quota) only loses the keeping, never the typing.
 */
export const drafts = {
  load(interviewId: string, kind: string): StoredDraft | undefined {
    try {
      const raw = localStorage.getItem(keyOf(interviewId, kind));
      if (!raw) return undefined;
      const draft = JSON.parse(raw) as Partial<StoredDraft>;
      return typeof draft.body === 'string' && typeof draft.subject === 'string'
        ? { subject: draft.subject, body: draft.body, savedAt: String(draft.savedAt ?? '') }
        : undefined;
    } catch {
      return undefined;
    }
  },
  save(interviewId: string, kind: string, draft: { subject: string; body: string }): void {
    try {
      localStorage.setItem(
        keyOf(interviewId, kind),
        JSON.stringify({ ...draft, savedAt: new Date().toISOString() } satisfies StoredDraft),
      );
    } catch {
      // Storage refused: the draft lives on in the component until the page closes.
    }
  },
  clear(interviewId: string, kind: string): void {
    try {
      localStorage.removeItem(keyOf(interviewId, kind));
    } catch {
      // Nothing was kept.
    }
  },
};

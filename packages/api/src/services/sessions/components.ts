/**
 * The embeddable components a browser session may drive, each with the API tags (OpenAPI tags
 * of the operations) it needs. A session reaches an operation only when one of its components
 * lists the operation's tag, or the tag is one every component reads.
 */
export const SESSION_COMPONENTS = {
  workspace: ['interviews', 'tasks', 'contacts', 'network'],
  network: ['contacts', 'network', 'interviews'],
  interview: ['interviews', 'contacts', 'network', 'questions', 'messages'],
  tasks: ['tasks'],
  feed: ['feed'],
  composer: ['messages', 'interviews', 'contacts'],
  // The cohort view shows its analytics (funnel, reply rates) in its `analytics` slot.
  cohort: ['cohort', 'analytics'],
} as const satisfies Record<string, readonly string[]>;

export type SessionComponent = keyof typeof SESSION_COMPONENTS;

export const SESSION_COMPONENT_NAMES = Object.keys(SESSION_COMPONENTS) as SessionComponent[];

/** Tags every session reaches: its own session, its tenant (and policy) and its own student record. */
const ALWAYS = ['sessions', 'tenant', 'students'];

/** The tags a session of these components may reach. */
export function reachableTags(components: readonly string[]): Set<string> {
  const tags = new Set(ALWAYS);
  for (const name of components) {
    for (const tag of SESSION_COMPONENTS[name as SessionComponent] ?? []) tags.add(tag);
  }
  return tags;
}

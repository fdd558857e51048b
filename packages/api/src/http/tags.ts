/**
 * The description of every OpenAPI tag. The document's tag list is built from the tags its
 * operations use (plugins/swagger.ts), in this order; a route tagged with a name missing here fails
 * when the document is built, so the list cannot lag behind the routes.
 */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  operations: 'Health, readiness and this document',
  tenant: "The caller's institution and its policy",
  'api-keys': 'Issue, list and revoke API keys (admin)',
  sessions: 'Browser sessions: short-lived client secrets a portal mints for embedded components',
  advisors: 'Career advisors and their cohorts (admin)',
  students: 'Students, with the portal external id, time zone and profile',
  contacts: 'Professionals a student may interview',
  imports: 'Contact imports (LinkedIn, vCard, CSV) and roster syncs: upload, preview, commit, progress',
  interviews: 'Interviews and their lifecycle actions (If-Match required), timeline and notes',
  tasks: 'Tasks derived by the rule engine, each with its explanation',
  network: 'Milestones, touchpoints, referrals and meetings',
  questions: 'The question bank and per-interview question lists',
  messages: 'Render templates, lint drafts, record messages sent',
  cohort: "An advisor's view of their students",
  // analytics
  analytics:
    'What works: funnel, reply rates, timing, thank-yous, referrals, keep-in-touch; small groups suppressed',
  feed: "The student's in-app feed of reminders",
  webhooks: 'Webhook endpoints, their signing secrets and deliveries',
  reminders: 'The channels reminders go out on, for the tenant and per student',
  'test-clock': "A sandbox tenant's simulated clock, to test reminders and timed transitions",
  // cap-dnc
  'do-not-contact': 'Professionals who asked not to be contacted, and their erasure (admin)',
};

/** The document's tags: those its operations use, described, in the order above. */
export function documentTags(used: Iterable<string>): { name: string; description: string }[] {
  const names = new Set(used);
  const unknown = [...names].filter((name) => TAG_DESCRIPTIONS[name] === undefined);
  if (unknown.length > 0) {
    throw new Error(`OpenAPI tags without a description in http/tags.ts: ${unknown.join(', ')}`);
  }
  return Object.entries(TAG_DESCRIPTIONS)
    .filter(([name]) => names.has(name))
    .map(([name, description]) => ({ name, description }));
}

/**
 * Every text a person sees in the components, English by default. A portal translates by
 * passing its own values to `setStrings` (any subset); the components read them at render time.
 */
const en = {
  loading: 'Loading…',
  saving: 'Saving…',
  retry: 'Try again',
  networkError: { title: 'Infoview cannot be reached', detail: 'Check your connection and try again.' },
  notConfigured: 'This component has no connection yet: the page must call configure() or set connection.',
  staleWrite:
    'This record changed in another tab or window. The view now shows the latest version and what you typed is still here: check it and save again.',
  saved: 'Saved.',
  warningsHeading: 'Things to keep in mind',
  dismissError: 'Dismiss',

  states: {
    prospect: 'Prospect',
    awaiting_reply: 'Awaiting reply',
    followed_up: 'Followed up',
    scheduled: 'Meeting scheduled',
    completed: 'Met',
    nurturing: 'Keeping in touch',
    declined: 'Declined',
    unresponsive: 'No reply',
    cancelled: 'Cancelled',
    withdrawn: 'Withdrawn',
  } as Record<string, string>,

  events: {
    send_outreach: 'Outreach sent',
    send_follow_up: 'Follow-up sent',
    receive_reply: 'Reply received',
    schedule_meeting: 'Meeting scheduled',
    cancel_meeting: 'Meeting cancelled',
    update_prep: 'Preparation updated',
    complete: 'Meeting held',
    record_notes: 'Notes written',
    send_thank_you: 'Thank-you sent',
    record_referral: 'Referral recorded',
    record_no_referral: 'No referral available',
    record_opportunity: 'Opportunity recorded',
    withdraw: 'Withdrawn',
    mark_unresponsive: 'Marked as no reply',
  } as Record<string, string>,

  sources: {
    family: 'Family',
    friend: 'Friends',
    classmate: 'Classmates',
    coworker: 'Coworkers',
    supervisor: 'Supervisors',
    alumni_directory: 'Alumni directory',
    faculty: 'Faculty',
    professional_organization: 'Professional organizations',
    event: 'Events (workshops, seminars, conferences)',
    online_network: 'Online networks',
    publication: 'Publications',
    referral: 'Referrals',
    other: 'Other',
  } as Record<string, string>,

  topics: {
    major_to_career: 'How my major leads to a career',
    preparing_for_career: 'Preparing for this career',
    companies_and_positions_fit: 'Which companies and positions fit me',
    organizational_climate: 'What the organization is like',
    career_change: 'Changing careers',
  } as Record<string, string>,

  categories: {
    job_content: 'The job itself',
    career_path: 'Career path',
    preparation: 'Preparation',
    fit: 'Fit',
    next_steps: 'Next steps and referrals',
  } as Record<string, string>,

  prepItems: {
    research_person: 'I researched the person (LinkedIn, their work)',
    research_organization: 'I read the organization’s website',
    research_industry: 'I looked up the industry’s trends',
    question_list: 'My question list is written',
    elevator_pitch: 'My elevator pitch is ready',
    resume: 'My resume is at hand',
  } as Record<string, string>,

  channels: { email: 'Email', phone: 'Phone', in_person: 'In person', message: 'Message' } as Record<
    string,
    string
  >,

  workspace: {
    heading: 'My informational interviews',
    dueToday: 'Due today',
    dueNext: 'Coming up',
    nothingToday: 'Nothing is due today.',
    nothingNext: 'Nothing else is planned yet.',
    pipeline: 'Pipeline',
    empty: 'No interviews yet. Add a contact to start your first one.',
    due: (when: string) => `due ${when}`,
    open: (name: string) => `Open the interview with ${name}`,
    count: (n: number) => (n === 1 ? '1 interview' : `${n} interviews`),
  },

  network: {
    heading: 'My network',
    empty: 'No contacts yet. Start with people you already know.',
    addHeading: 'Add a contact',
    hintsHeading: 'Who you may already know',
    hints:
      'Think of family, friends, classmates, coworkers, supervisors and faculty; then alumni directories, professional organizations, events, online networks and publications.',
    emailFirst:
      'You do not know this person yet: make the first contact by email, so an email address is needed.',
    phoneOk: 'You know this person: a phone call is a fine first contact.',
    name: 'Name',
    organization: 'Organization',
    title: 'Job title',
    email: 'Email',
    phone: 'Phone',
    source: 'Where you found them',
    known: 'I already know this person',
    foundVia: 'How you found their name',
    topics: 'What you would like to talk about',
    submit: 'Add contact',
    added: (name: string) => `${name} was added, with an interview to plan.`,
    knownTag: 'known to you',
    openInterview: (name: string) => `Open the interview with ${name}`,
    planInterview: (name: string) => `Plan an interview with ${name}`,
    count: (n: number) => (n === 1 ? '1 contact' : `${n} contacts`),
  },

  interview: {
    none: 'Choose an interview to see it here.',
    heading: (name: string) => `Interview with ${name}`,
    state: 'State',
    meetingAt: (when: string, minutes: number) => `Meeting ${when}, ${minutes} minutes`,
    actionsHeading: 'What you can do now',
    noActions: 'Nothing to do on this interview: it is closed.',
    onlyRecords: 'The meeting is behind you: keep your notes and referrals up to date here.',
    channel: 'Channel',
    recordOutreach: 'Record that the outreach went out',
    recordFollowUp: 'Record that the follow-up went out',
    outreachHint: 'Send the message from your own email or phone, then record it here.',
    replyLegend: 'Their reply',
    accepted: 'Accepted a meeting',
    declined: 'Declined',
    meetingTime: 'Meeting time',
    duration: 'Length in minutes (20–30 is what you ask for)',
    location: 'Place or link (optional)',
    recordReply: 'Record the reply',
    reschedule: 'Change the meeting time',
    cancelMeeting: 'Cancel the meeting',
    completeLegend: 'The meeting took place',
    businessCard: 'I asked for a business card',
    askedReferral: 'I asked for someone else to talk to',
    complete: 'Record that the meeting took place',
    thankYou: 'Record that the thank-you went out',
    thankYouHint: 'Send it within 24 hours and mention one or two things you learned.',
    withdraw: 'Withdraw this interview',
    prepHeading: 'Preparation checklist',
    savePrep: 'Save the checklist',
    questionsHeading: 'My questions',
    noQuestions: 'No questions yet: add some from the bank.',
    bank: 'A question from the bank',
    addQuestion: 'Add the question',
    removeQuestion: (n: number) => `Remove question ${n}`,
    saveQuestions: 'Save the question list',
    passes: 'Your list passes the open-question check.',
    notesHeading: 'Notes',
    notes: 'Who, when, and the useful information and advice',
    learned: 'Points learned (one per line)',
    saveNotes: 'Save notes',
    referralsHeading: 'Referrals',
    referralCount: (n: number) => (n === 1 ? '1 referral recorded' : `${n} referrals recorded`),
    referralName: 'Referred person’s name',
    referralEmail: 'Their email (optional)',
    referralOrganization: 'Their organization (optional)',
    addReferral: 'Add the referral',
    noReferral: 'They had no one to refer me to',
    timelineHeading: 'Timeline',
    timelineEmpty: 'Nothing has happened yet.',
    transition: (from: string, to: string) => `${from} → ${to}`,
    learnedHeading: 'What you learned',
  },

  // <infoview-composer> (the composer's own block).
  composer: {
    none: 'Choose an interview to write its message here.',
    heading: (name: string) => `Write to ${name}`,
    kind: 'Kind of message',
    kinds: {
      outreach: 'First outreach',
      follow_up: 'Follow-up',
      referral_outreach: 'Outreach to a referred contact',
      thank_you: 'Thank-you',
      report_back: 'Report back to the referrer',
      keep_in_touch: 'Keep in touch',
      milestone_news: 'Milestone news',
      referral_ask: 'Ask for a referral',
    } as Record<string, string>,
    subject: 'Subject',
    body: 'Message',
    editorHint:
      'Findings are underlined in the text and listed below in order. In the text, Alt+Enter applies the suggestion at the cursor.',
    restored: 'Your saved draft is back.',
    fromTemplate: 'Start again from the template',
    rendering: 'Filling in the template…',
    checking: 'Checking…',
    checkFailed: 'The check could not run; your text is safe. It runs again as you type.',
    findingsHeading: (n: number) => (n === 0 ? 'No findings' : n === 1 ? '1 finding' : `${n} findings`),
    allClear: 'Nothing to fix: the message follows the guide.',
    announce: (errors: number, warnings: number, hints: number) =>
      errors + warnings + hints === 0
        ? 'No findings: the message follows the guide.'
        : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${hints} ${hints === 1 ? 'hint' : 'hints'}.`,
    severity: { error: 'Error', warning: 'Warning', hint: 'Hint' } as Record<string, string>,
    inSubject: 'in the subject',
    whole: 'about the whole message',
    rule: 'Rule',
    guide: 'The guide',
    applyFix: (replacement: string) => `Replace with “${replacement}”`,
    applied: (replacement: string) => `Replaced with “${replacement}”.`,
    lacksHeading: 'What the message still lacks',
    copySubject: 'Copy the subject',
    copyBody: 'Copy the text',
    copied: 'Copied.',
    copyFailed: 'Copying is not allowed here: select the text and copy it yourself.',
    mailto: 'Open in my mail app',
    noEmail: 'This contact has no email address: copy the text instead.',
    record: 'Record as sent',
    recordHint: 'Send it from your own mail app first; then record it here.',
    confirmHeading: 'This message still has errors',
    confirm: (n: number) =>
      n === 1
        ? 'One finding is an error the guide says to fix. Record the message as sent anyway?'
        : `${n} findings are errors the guide says to fix. Record the message as sent anyway?`,
    confirmYes: 'Record anyway',
    confirmNo: 'Keep editing',
    recorded: (state: string) => `Recorded as sent. The interview is now: ${state}.`,
  },

  tasks: {
    heading: 'Tasks',
    count: (n: number) => (n === 1 ? '1 open' : `${n} open`),
    empty: 'No open tasks. Well done.',
    complete: (title: string) => `Done: ${title}`,
    snooze: (title: string) => `Snooze a day: ${title}`,
    dismiss: (title: string) => `Dismiss: ${title}`,
    completeLabel: 'Done',
    snoozeLabel: 'Snooze a day',
    dismissLabel: 'Dismiss',
    completed: 'Task marked done.',
    snoozed: 'Task snoozed until tomorrow.',
    dismissed: 'Task dismissed.',
  },

  feed: {
    heading: 'Reminders',
    unread: (n: number) => (n === 1 ? '1 unread' : `${n} unread`),
    empty: 'No reminders.',
    markRead: (title: string) => `Mark as read: ${title}`,
    markReadLabel: 'Mark as read',
    read: 'read',
    marked: 'Reminder marked as read.',
  },

  // <infoview-cohort> (the advisor's view)
  cohort: {
    heading: 'My cohort',
    sort: 'Order',
    sorts: {
      overdue: 'Most overdue work first',
      quietest: 'Least recent activity first',
      latest: 'Most recent activity first',
    } as Record<string, string>,
    stateFilter: 'Interview state',
    allStates: 'All states',
    overdueOnly: 'Only students with overdue work',
    quietOnly: (days: number) => `Only students who have not reached out in ${days} days`,
    listLabel: 'Students',
    empty: 'No students match.',
    shown: (n: number, more: boolean) =>
      `${n === 1 ? '1 student' : `${n} students`} shown${more ? '; more can be shown' : ''}.`,
    more: 'Show more students',
    overdue: (n: number) => (n === 1 ? '1 overdue task' : `${n} overdue tasks`),
    noOverdue: 'Nothing overdue',
    quiet: (days: number) => `No outreach in ${days} days`,
    never: 'never',
    lastActivity: (when: string) => `Last activity: ${when}`,
    lastOutreach: (when: string) => `last outreach: ${when}`,
    noInterviews: 'No interviews yet.',
    pipeline: (states: string) => `Pipeline: ${states}`,
    viewLabel: 'Interviews and tasks',
    view: (name: string) => `Interviews and tasks of ${name}`,
    back: 'Back to the cohort',
    overdueHeading: 'Overdue work',
    lastActivityHeading: 'Last activity',
    lastOutreachHeading: 'Last outreach',
    interviewsHeading: (n: number) => (n === 1 ? '1 interview' : `${n} interviews`),
    tasksHeading: (n: number) => (n === 1 ? '1 open task' : `${n} open tasks`),
    noTasks: 'No open tasks.',
    meeting: (when: string) => `meeting ${when}`,
    lastEvent: (when: string) => `last step ${when}`,
    overdueTag: 'overdue',
    snoozedTag: 'snoozed',
    readOnly: 'This view is read-only: the student records their own steps.',
  },

  // <infoview-cohort-analytics>
  analytics: {
    heading: 'Cohort analytics',
    noAdvisor: 'These figures are for an advisor: this session has none.',
    window: (from: string, to: string, weeks: number) =>
      `${weeks === 1 ? '1 week' : `${weeks} weeks`}, from the week of ${from} to the week of ${to} (UTC).`,
    privacy: (k: number) =>
      `Figures about fewer than ${k} students are hidden so that no student can be singled out.`,
    hidden: (k: number) => `hidden (fewer than ${k} students)`,
    funnelHeading: 'From identified to referral',
    funnelCaption: 'Interviews identified in the window, and how many reached each stage',
    stageHeader: 'Stage',
    interviewsHeader: 'Interviews',
    ofIdentifiedHeader: 'Of identified',
    stages: {
      identified: 'Identified',
      outreach: 'Reached out',
      replied: 'Replied',
      met: 'Met',
      thanked: 'Thanked',
      referral: 'Referral',
    } as Record<string, string>,
    bySource: 'Reply rate by contact source (first outreach)',
    byAttempt: 'Reply rate by attempt: first outreach and follow-up',
    sourceHeader: 'Contact source',
    attemptHeader: 'Attempt',
    allSources: 'All sources',
    attempts: { outreach: 'First outreach', follow_up: 'Follow-up' } as Record<string, string>,
    sentHeader: 'Sent',
    repliedHeader: 'Replied',
    rateHeader: 'Reply rate',
    noReplies: 'No outreach in this window yet.',
  },
};

export type Strings = typeof en;

let current: Strings = en;

/** The texts in use. */
export const strings = (): Strings => current;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]>;
};

/** Replaces some texts (a translation, a portal's own wording); components re-render on their next update. */
export function setStrings(overrides: DeepPartial<Strings>): void {
  const merge = (base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      const prior = base[key];
      out[key] =
        value && typeof value === 'object' && prior && typeof prior === 'object'
          ? merge(prior as Record<string, unknown>, value as Record<string, unknown>)
          : value;
    }
    return out;
  };
  current = merge(current, overrides as Record<string, unknown>) as Strings;
}

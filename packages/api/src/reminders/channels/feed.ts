import { createFeedItems, type NewFeedItem } from '../../services/feed/create.js';
import { groupBy } from '../group-by.js';
import { systemContext } from '../system-context.js';
import { classifyReport, defineChannel, type SendReport } from './channel.js';

type FeedMessage = NewFeedItem & { tenantId: string };

const SENT: SendReport = { statusCode: null, error: null };

/** An item in the student's in-app feed (`GET /feed`), written through the feed service. */
export const feedChannel = defineChannel<undefined, FeedMessage>({
  name: 'feed',
  description: 'the in-app feed',
  kinds: ['task', 'notice'],
  choosable: true,
  byDefault: true,
  open(env) {
    /** One statement per tenant for a whole slice of reminders: the feed is the cheapest channel to fill. */
    const write = async (messages: readonly FeedMessage[]) => {
      const byTenant = groupBy(messages, (m) => m.tenantId);
      await Promise.all(
        [...byTenant].map(([tenantId, items]) =>
          createFeedItems({ ctx: systemContext(env, tenantId), input: { items } }),
        ),
      );
    };
    return {
      plan: () => [''],
      build: ({ reminder }) => ({
        tenantId: reminder.tenantId,
        studentId: reminder.studentId,
        reminderId: reminder.id,
        interviewId: reminder.interviewId,
        ruleId: reminder.payload.ruleId,
        title: reminder.payload.title,
        dueAt: reminder.dueAt,
      }),
      send: async (message) => {
        await write([message]);
        return SENT;
      },
      sendMany: async (items) => {
        await write(items.map((i) => i.message));
        return items.map(() => SENT);
      },
      classify: classifyReport,
    };
  },
});

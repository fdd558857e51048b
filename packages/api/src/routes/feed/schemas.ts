import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, Timestamp } from '../../http/schemas.js';

export const FeedItem = Type.Object(
  {
    id: Id,
    studentId: Id,
    reminderId: Id,
    interviewId: Nullable(Id),
    ruleId: Type.String(),
    title: Type.String(),
    dueAt: Timestamp,
    readAt: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { $id: 'FeedItem', description: 'A reminder in the in-app feed' },
);

export const listFeedSchema = {
  operationId: 'listFeed',
  tags: ['feed'],
  summary: "The in-app reminder feed (a student's own; staff keys may filter by studentId)",
  querystring: StrictObject({
    ...PageQuery,
    studentId: Type.Optional(Id),
    unread: Type.Optional(Type.Boolean({ description: 'Only items not yet marked read' })),
  }),
  response: { 200: PageOf(FeedItem, 'A page of feed items, oldest first'), ...problems(...COMMON_PROBLEMS) },
};

export const markFeedItemReadSchema = {
  operationId: 'markFeedItemRead',
  tags: ['feed'],
  summary: 'Mark a feed item read',
  params: IdParams,
  response: { 200: FeedItem, ...problems(...COMMON_PROBLEMS, 404) },
};

import { Type } from 'typebox';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { IdParams, StrictObject, StringEnum } from '../../http/schemas.js';
import { CHANNEL_DESCRIPTIONS, CHOOSABLE_CHANNELS } from '../../lib/reminder-channels.gen.js';

// The channel registry's choosable channels (generated from it), so the enum cannot drift.
const Channel = StringEnum([...CHOOSABLE_CHANNELS], {
  description: CHOOSABLE_CHANNELS.map((name) => `${name}: ${CHANNEL_DESCRIPTIONS[name]}`).join('; '),
});

export const ReminderChannels = Type.Object(
  {
    channels: Type.Array(Channel),
    source: StringEnum(['student', 'tenant', 'default'], { description: 'Whose choice this is' }),
  },
  { description: 'Where task reminders go' },
);

const Body = StrictObject({ channels: Type.Array(Channel, { maxItems: CHOOSABLE_CHANNELS.length }) });

export const getTenantChannelsSchema = {
  operationId: 'getReminderChannels',
  tags: ['reminders'],
  summary: "The tenant's default reminder channels",
  response: { 200: ReminderChannels, ...problems(...COMMON_PROBLEMS) },
};

export const setTenantChannelsSchema = {
  operationId: 'setReminderChannels',
  tags: ['reminders'],
  summary: "Set the tenant's default reminder channels",
  body: Body,
  response: { 200: ReminderChannels, ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS) },
};

export const getStudentChannelsSchema = {
  operationId: 'getStudentReminderChannels',
  tags: ['reminders'],
  summary: "A student's reminder channels",
  params: IdParams,
  response: { 200: ReminderChannels, ...problems(...COMMON_PROBLEMS, 404) },
};

export const setStudentChannelsSchema = {
  operationId: 'setStudentReminderChannels',
  tags: ['reminders'],
  summary: "Set a student's own reminder channels",
  params: IdParams,
  body: Body,
  response: { 200: ReminderChannels, ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404) },
};

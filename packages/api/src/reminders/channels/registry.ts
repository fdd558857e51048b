import type { ChannelAdapter } from './channel.js';
import { emailChannel } from './email.js';
import { feedChannel } from './feed.js';
import { transitionChannel } from './transition.js';
import { webhookChannel } from './webhook.js';

/**
 * Every reminder channel, in the order a reminder's deliveries are planned. The channel list is
 * this array: the database checks, the API's enum, the default channels and the docs are
 * generated from it (`pnpm docs:gen` writes src/lib/reminder-channels.gen.ts), and a new channel
 * is one file in this folder plus a line here.
 */
export const CHANNELS: readonly ChannelAdapter[] = [
  feedChannel,
  webhookChannel,
  emailChannel,
  transitionChannel,
];

/** The channels tenants and students choose from, in registry order. */
export const choosableChannels = (channels: readonly ChannelAdapter[] = CHANNELS) =>
  channels.filter((c) => c.choosable);

/** Where task reminders go when neither the student nor the tenant chose. */
export const defaultChannels = (channels: readonly ChannelAdapter[] = CHANNELS) =>
  channels.filter((c) => c.choosable && c.byDefault);

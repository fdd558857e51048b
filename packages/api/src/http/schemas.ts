import { type TProperties, Type } from 'typebox';
import { Instant } from './instant.js';

/** A resource id (UUIDv7). */
export const Id = Type.String({ format: 'uuid', description: 'A UUID' });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** An object that refuses unknown fields, so a typo is a 400 naming the field, not silently dropped. */
export const StrictObject = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** Free text with a sane upper bound (a 100 kB string is a 400, not a stored row). */
export const Text = (maxLength: number, options: { description?: string; minLength?: number } = {}) =>
  Type.String({ maxLength, ...options });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** Every date-time of the API, in and out: the one {@link Instant} type. */
export const Timestamp = Instant;

/** One of a fixed list of strings (`enum` in the document). */
export const StringEnum = <const T extends string[]>(
  values: readonly [...T],
  options: { description?: string } = {},
) => Type.Enum<T>(values, { type: 'string', ...options });

import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { findIllFormedText } from './accepted-text.js';

/** `ok`, unless a string in `value` is text the API does not accept (a 400 naming the field). */
function accepted<T>(
  value: unknown,
  textChecked: boolean,
  ok: T,
): T | { error: FastifySchemaValidationError[] } {
  const bad = textChecked ? findIllFormedText(value) : undefined;
  if (!bad) return ok;
  return {
    error: [
      { keyword: 'text', schemaPath: '#', instancePath: bad.instancePath, message: bad.message, params: {} },
    ],
  };
}

/**
 * The TypeBox validator of `@fastify/type-provider-typebox`, checking before converting: params,
 * querystring and headers arrive as strings and are converted (`"50"` → 50) only when they do not
 * already check. Every string must also be text the API accepts (accepted-text.ts). Conversion leaves a valid value as it is, so the outcome is the same, but it walks
 * every property (every header) on each request. `true` keeps the value Fastify has.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  // Header values can hold no NUL or lone surrogate (the HTTP parser refuses them first).
  const textChecked = httpPart !== 'headers';
  return (value) => {
    if (check.Check(value)) return accepted(value, textChecked, true);
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    if (check.Check(converted)) return accepted(converted, textChecked, { value: converted });
    return { error: check.Errors(converted) };
  };
};

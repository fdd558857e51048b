import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/**
 * The TypeBox validator of `@fastify/type-provider-typebox`, checking before converting: params,
 * querystring and headers arrive as strings and are converted (`"50"` → 50) only when they do not
 * already check. Conversion leaves a valid value as it is, so the outcome is the same, but it walks
 * every property (every header) on each request. `true` keeps the value Fastify has.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value) => {
    if (check.Check(value)) return true;
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    if (check.Check(converted)) return { value: converted };
    return { error: check.Errors(converted) };
  };
};

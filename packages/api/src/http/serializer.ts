import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Schema = Record<string, unknown>;

const isNull = (s: unknown) =>
  typeof s === 'object' && s !== null && (s as Schema).type === 'null' && Object.keys(s).length === 1;

/** A schema whose serializer fast-json-stringify can build from its `type` alone. */
const isPlainTyped = (s: unknown): s is Schema =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as Schema).type === 'string' &&
  !('anyOf' in s || 'oneOf' in s || 'allOf' in s || '$ref' in s || 'if' in s || 'nullable' in s);

/**
 * `anyOf: [X, {type: 'null'}]` (our `Nullable`) → X with `nullable: true`, recursively, for the
 * response serializer only (the OpenAPI document keeps `anyOf`). Same output: fast-json-stringify
 * would otherwise run a JSON Schema validation of X, formats included, for every nullable value of
 * every row just to pick the branch; `nullable` is a null check.
 */
export function nullableForSerialization(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableForSerialization);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = nullableForSerialization(value);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullAt = anyOf.findIndex(isNull);
    const other = anyOf[1 - nullAt];
    if (nullAt !== -1 && isPlainTyped(other)) {
      const { anyOf: _, ...siblings } = out;
      return { ...siblings, ...other, nullable: true };
    }
  }
  return out;
}

/** Fastify's default serializer factory, given the rewritten response schemas. */
export function buildSerializer(...args: Parameters<ReturnType<typeof SerializerSelector>>) {
  const compile = SerializerSelector()(...args);
  return (route: Parameters<typeof compile>[0]) =>
    compile({ ...route, schema: nullableForSerialization(route.schema) });
}

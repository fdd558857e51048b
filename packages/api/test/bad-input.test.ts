/**
 * Bad input generated from the OpenAPI document, for every operation (so routes added later are
 * covered without touching this file): wrong types, missing and extra fields, 100 kB strings,
 * malformed ids, invalid JSON and wrong content types must always be a 4xx problem, never a 5xx.
 */
import { describe, expect, it } from 'vitest';
import { call, documentedOperations, drivers, type TestContext, useTestApp } from './helper.js';

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maxLength?: number;
  pattern?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

const HUGE = 'x'.repeat(100 * 1024);

/** A value the schema accepts (as far as a generator without a solver can tell). */
function sample(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(choice.find((s) => s.type !== 'null') ?? choice[0]!);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uri') return 'https://example.org/profile';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern) return '+1 555 0100';
      return 'Europe/Paris';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = sample(schema.properties?.[name] ?? {});
      return value;
    }
    default:
      return 'x';
  }
}

/** A value of the wrong JSON type for the schema. */
function wrongType(schema: JsonSchema): unknown {
  const choice = schema.anyOf ?? schema.oneOf;
  const types = choice ? choice.map((s) => s.type) : [schema.type];
  if (types.includes('string')) return 12345;
  if (types.includes('integer') || types.includes('number')) return 'not a number';
  if (types.includes('boolean')) return 'not a boolean';
  if (types.includes('object')) return ['not', 'an', 'object'];
  if (types.includes('array')) return { not: 'an array' };
  return { unexpected: true };
}

function isStringSchema(schema: JsonSchema): boolean {
  const choice = schema.anyOf ?? schema.oneOf;
  return choice ? choice.some(isStringSchema) : schema.type === 'string' && !schema.enum;
}

function operationsOf(app: TestContext['app']): Operation[] {
  return documentedOperations<{
    operationId: string;
    parameters?: Parameter[];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
  }>(app).map(({ method, path, op }) => ({
    method,
    path,
    operationId: op.operationId,
    parameters: op.parameters ?? [],
    body: op.requestBody?.content['application/json']?.schema,
  }));
}

interface Variant {
  name: string;
  pathValues?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  /** When false the request may also succeed (nothing in it is wrong); it must still not be a 5xx. */
  mustFail: boolean;
}

function variantsOf(op: Operation): Variant[] {
  const variants: Variant[] = [{ name: 'plain', mustFail: false }];
  const json = (value: unknown) => JSON.stringify(value);
  for (const p of op.parameters) {
    if (p.in === 'path') {
      for (const bad of ['not-a-uuid', '1', "' OR 1=1 --", HUGE.slice(0, 150)]) {
        variants.push({
          name: `path ${p.name}=${bad.slice(0, 20)}`,
          pathValues: { [p.name]: bad },
          mustFail: true,
        });
      }
    }
    if (p.in === 'query') {
      const wrong = wrongType(p.schema);
      variants.push({
        name: `query ${p.name} wrong type`,
        query: { [p.name]: typeof wrong === 'number' ? 'x' : String(wrong) },
        mustFail: p.schema.type !== 'string',
      });
      if (isStringSchema(p.schema))
        variants.push({ name: `query ${p.name} 100 kB`, query: { [p.name]: HUGE }, mustFail: true });
    }
    if (p.in === 'header') {
      variants.push({
        name: `header ${p.name} 100 kB`,
        headers: { [p.name]: HUGE.slice(0, 8000) },
        mustFail: true,
      });
    }
  }
  // Operations with a query schema refuse unknown fields; the others ignore the query string.
  const hasQuery = op.parameters.some((p) => p.in === 'query');
  variants.push({ name: 'unknown query field', query: { unexpectedField: '1' }, mustFail: hasQuery });
  if (op.body) {
    const valid = sample(op.body) as Record<string, unknown>;
    variants.push({ name: 'extra field', payload: json({ ...valid, unexpectedField: 1 }), mustFail: true });
    for (const top of [[], 'a string', 42, null])
      variants.push({ name: `body ${json(top)}`, payload: json(top), mustFail: true });
    if ((op.body.required ?? []).length > 0) {
      variants.push({ name: 'empty object', payload: '{}', mustFail: true });
      for (const name of op.body.required ?? []) {
        const { [name]: _, ...rest } = valid;
        variants.push({ name: `missing ${name}`, payload: json(rest), mustFail: true });
      }
    }
    for (const [name, schema] of Object.entries(op.body.properties ?? {})) {
      variants.push({
        name: `${name} wrong type`,
        payload: json({ ...valid, [name]: wrongType(schema) }),
        mustFail: true,
      });
      if (isStringSchema(schema))
        variants.push({ name: `${name} 100 kB`, payload: json({ ...valid, [name]: HUGE }), mustFail: true });
    }
    variants.push({ name: 'invalid JSON', payload: '{"unterminated": ', mustFail: true });
    variants.push({ name: 'text/plain', payload: 'hello', contentType: 'text/plain', mustFail: true });
    variants.push({
      name: 'form encoded',
      payload: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
      mustFail: true,
    });
  }
  return variants;
}

describe.each(drivers)('bad input from the OpenAPI document (%s)', (driver) => {
  const t = useTestApp(driver);

  it('every operation answers bad input with a 4xx problem, never a 5xx', async () => {
    const tenant = await t.tenant();
    const student = await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: 'bad-input', name: 'B', timeZone: 'UTC' },
    });
    // As an admin (every check reached) and as a student (the scoped paths).
    const keys = [tenant.adminKey, await tenant.key('student', { studentId: student.json().id })];
    const operations = operationsOf(t.app);
    expect(operations.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const key of keys) {
      for (const op of operations) {
        for (const variant of variantsOf(op)) {
          const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            encodeURIComponent(variant.pathValues?.[name] ?? crypto.randomUUID()),
          );
          const headers: Record<string, string> = { ...(variant.headers ?? {}) };
          if (variant.payload !== undefined)
            headers['content-type'] = variant.contentType ?? 'application/json';
          const res = await call(t.app, op.method as 'GET', url, {
            key,
            headers,
            ...(variant.query ? { query: variant.query } : {}),
            ...(variant.payload === undefined ? {} : { body: variant.payload }),
          });
          const label = `${op.operationId} [${variant.name}] → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${label} ${res.body.slice(0, 200)}`);
          else if (variant.mustFail && res.statusCode < 400) failures.push(`${label}: accepted`);
          else if (
            res.statusCode >= 400 &&
            !String(res.headers['content-type']).startsWith('application/problem+json')
          ) {
            failures.push(`${label}: not a problem (${res.headers['content-type']})`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

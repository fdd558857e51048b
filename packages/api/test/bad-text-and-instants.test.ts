/**
 * Text and instants at the edges, for every operation of the OpenAPI document: NUL characters
 * and lone surrogates in every string field (and object key), and instants PostgreSQL or the
 * calendar code cannot hold, from an admin and a student key. Each must be a 400 problem naming
 * the field, never a 5xx. The probe counts are printed for the report.
 */
import { describe, expect, it } from 'vitest';
import { call, documentedOperations, drivers, requiredQueryOf, useTestApp } from './helper.js';

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
  minItems?: number;
  pattern?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

const typeOf = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

function sample(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(choice.find((s) => s.type !== 'null') ?? choice[0]!);
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uri') return 'https://example.org/profile';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2026-03-02';
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        return ['+1 555 0100', 'sample-1', '2026-03-02T10:00:00Z'].find((c) => pattern.test(c)) ?? 'x';
      }
      return 'Europe/Paris';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      // As many items as the schema asks for at least, so the probe meets only the field it aims at.
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}));
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = sample(schema.properties?.[name] ?? {});
      return value;
    }
    default:
      return 'x';
  }
}

const stringSchemaOf = (schema: JsonSchema): JsonSchema | undefined => {
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return choice.map(stringSchemaOf).find(Boolean);
  return typeOf(schema) === 'string' && !schema.enum && schema.const === undefined ? schema : undefined;
};

const BAD_TEXT = {
  nul: 'a\u0000b',
  'lone high surrogate': 'a\ud800b',
  'lone low surrogate': '\udc00',
};
const EDGE_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1000-06-01T12:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-14:00',
];

interface Probe {
  label: string;
  method: string;
  url: string;
  query?: Record<string, string>;
  payload?: string;
  /** The field a 400 must name. */
  field: string;
}

function probesOf(app: Parameters<typeof documentedOperations>[0]): Probe[] {
  const probes: Probe[] = [];
  const ops = documentedOperations<{
    operationId: string;
    parameters?: Parameter[];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
  }>(app);
  for (const { method, path, op } of ops) {
    const url = path.replace(/\{(\w+)\}/g, () => crypto.randomUUID());
    for (const p of op.parameters ?? []) {
      const s = p.in === 'query' ? stringSchemaOf(p.schema) : undefined;
      if (!s) continue;
      const values = s.format === 'date-time' ? EDGE_INSTANTS : s.format ? [] : Object.values(BAD_TEXT);
      for (const value of values)
        probes.push({
          label: `${op.operationId} ?${p.name}=${JSON.stringify(value)}`,
          method,
          url,
          query: { ...requiredQueryOf(op), [p.name]: value },
          field: `/querystring/${p.name}`,
        });
    }
    const body = op.requestBody?.content['application/json']?.schema;
    if (!body) continue;
    const valid = sample(body) as Record<string, unknown>;
    // Every string field of the body, one level of nesting included (an object field's strings).
    const fields: [string[], JsonSchema][] = [];
    for (const [name, schema] of Object.entries(body.properties ?? {})) {
      fields.push([[name], schema]);
      for (const [inner, innerSchema] of Object.entries(schema.properties ?? {}))
        fields.push([[name, inner], innerSchema]);
    }
    for (const [pathParts, schema] of fields) {
      const s = stringSchemaOf(schema);
      if (!s) continue;
      const values =
        s.format === 'date-time' ? EDGE_INSTANTS : s.format === 'uuid' ? [] : Object.values(BAD_TEXT);
      for (const value of values) {
        const payload = structuredClone(valid) as Record<string, unknown>;
        if (pathParts.length === 2) {
          const name = pathParts[0]!;
          if (payload[name] === undefined) payload[name] = sample(body.properties![name]!);
          const outer = payload[name] as Record<string, unknown>;
          if (!outer || typeof outer !== 'object' || Array.isArray(outer)) continue;
          outer[pathParts[1]!] = value;
        } else payload[pathParts[0]!] = value;
        probes.push({
          label: `${op.operationId} ${pathParts.join('.')}=${JSON.stringify(value)}`,
          method,
          url,
          payload: JSON.stringify(payload),
          field: `/body/${pathParts.join('/')}`,
        });
      }
    }
    // A NUL in a key of a free-form object (profile, metadata): the field is the object.
    for (const [name, schema] of Object.entries(body.properties ?? {})) {
      if (typeOf(schema) !== 'object' || schema.properties) continue;
      probes.push({
        label: `${op.operationId} ${name} key with NUL`,
        method,
        url,
        payload: JSON.stringify({ ...valid, [name]: { 'k\u0000': 'v' } }),
        field: `/body/${name}`,
      });
    }
  }
  return probes;
}

describe.each(drivers)('text and instants at the edges (%s)', (driver) => {
  const t = useTestApp(driver);

  it('are a 400 problem naming the field, from any role, never a 5xx', async () => {
    const tenant = await t.tenant();
    const student = await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: 'edge-student', name: 'E', timeZone: 'UTC' },
    });
    const keys = {
      admin: tenant.adminKey,
      student: await tenant.key('student', { studentId: student.json().id }),
    };
    const probes = probesOf(t.app);
    expect(probes.length).toBeGreaterThan(50);
    const serverErrors: string[] = [];
    const unnamed: string[] = [];
    let sent = 0;
    for (const [role, key] of Object.entries(keys)) {
      for (const probe of probes) {
        const res = await call(t.app, probe.method as 'GET', probe.url, {
          key,
          ...(probe.query ? { query: probe.query } : {}),
          ...(probe.payload === undefined
            ? {}
            : { body: probe.payload, headers: { 'content-type': 'application/json' } }),
        });
        sent++;
        if (res.statusCode >= 500) serverErrors.push(`${role} ${probe.label} → ${res.statusCode}`);
        else if (res.statusCode === 400) {
          const problem = res.json() as { errors?: { path: string }[] };
          if (!problem.errors?.some((e) => e.path.startsWith(probe.field)))
            unnamed.push(`${role} ${probe.label}: ${res.body.slice(0, 160)}`);
        }
      }
    }
    console.info(`edge probes: ${sent} sent, ${serverErrors.length} answered 5xx`);
    expect(serverErrors).toEqual([]);
    expect(unnamed).toEqual([]);
  });
});

import type { RouteOptions } from 'fastify';
import { type TSchema, Type } from 'typebox';

/**
 * Adds an optional header to a route's `headers` schema (validated and documented), keeping the
 * headers the route declared itself. Used by plugins that give every route the same header.
 */
export function addOptionalHeader(routeOptions: RouteOptions, name: string, schema: TSchema): void {
  const current = (routeOptions.schema ?? {}) as {
    headers?: { properties?: Record<string, TSchema>; required?: string[] };
  };
  const properties = { ...(current.headers?.properties ?? {}), [name]: Type.Optional(schema) };
  const required = current.headers?.required ?? [];
  const headers = Type.Object(properties as Record<string, TSchema>);
  routeOptions.schema = {
    ...routeOptions.schema,
    headers: required.length > 0 ? { ...headers, required } : headers,
  };
}

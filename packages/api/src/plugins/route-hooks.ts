import type { RouteOptions } from 'fastify';

type LifecycleHook = 'onRequest' | 'preHandler' | 'onSend' | 'onResponse';

/** The HTTP methods a route answers (Fastify takes one or a list). */
export function routeMethods(routeOptions: RouteOptions): string[] {
  return Array.isArray(routeOptions.method) ? routeOptions.method : [routeOptions.method];
}

/**
 * Gives one route a lifecycle hook, after the hooks it declared itself. For plugins whose hook
 * only concerns some routes (writes, reads): an instance hook is one more step on every request.
 */
export function addRouteHook(routeOptions: RouteOptions, name: LifecycleHook, hook: unknown): void {
  const options = routeOptions as unknown as Record<LifecycleHook, unknown>;
  const current = options[name];
  options[name] = current === undefined ? [hook] : [...(Array.isArray(current) ? current : [current]), hook];
}

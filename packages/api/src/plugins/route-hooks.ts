import type {
  onRequestHookHandler,
  onResponseHookHandler,
  onSendHookHandler,
  preHandlerHookHandler,
  preValidationHookHandler,
  RouteOptions,
} from 'fastify';

/** The lifecycle hooks a plugin gives single routes, each with its handler's type. */
interface RouteHooks {
  onRequest: onRequestHookHandler;
  preValidation: preValidationHookHandler;
  preHandler: preHandlerHookHandler;
  onSend: onSendHookHandler;
  onResponse: onResponseHookHandler;
}

/** The HTTP methods a route answers (Fastify takes one or a list). */
export function routeMethods(routeOptions: RouteOptions): string[] {
  return Array.isArray(routeOptions.method) ? routeOptions.method : [routeOptions.method];
}

/**
 * Gives one route a lifecycle hook, after the hooks it declared itself. For plugins whose hook
 * only concerns some routes (writes, reads): an instance hook is one more step on every request.
 */
export function addRouteHook<Name extends keyof RouteHooks>(
  routeOptions: RouteOptions,
  name: Name,
  hook: RouteHooks[Name],
): void {
  // A route's own hooks may be one function or a list, typed per route; here only their order matters.
  const options = routeOptions as unknown as Record<Name, unknown>;
  const current = options[name];
  options[name] = current === undefined ? [hook] : [...(Array.isArray(current) ? current : [current]), hook];
}

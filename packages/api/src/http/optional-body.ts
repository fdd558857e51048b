/**
 * Whether a route takes no body as `{}`: an action (POST) whose body schema requires no field, such
 * as `/interviews/{id}/complete`. A replacement (PUT) or a patch says what it changes, so it keeps
 * needing a body. The request-bodies plugin and the OpenAPI document both ask this.
 */
export function acceptsNoBody(method: string, body: unknown): boolean {
  if (method.toUpperCase() !== 'POST' || typeof body !== 'object' || body === null) return false;
  const required = (body as { required?: unknown }).required;
  return !(Array.isArray(required) && required.length > 0);
}

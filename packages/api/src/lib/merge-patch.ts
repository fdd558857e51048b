/**
 * JSON Merge Patch (RFC 7396): what a patch leaves out stays, `null` removes, an object merges
 * member by member, anything else replaces. Example:
 * `applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { d: null } })` → `{ a: 1, b: { c: 2 } }`.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

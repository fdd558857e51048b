/** True when a query failed on a unique constraint (either driver; drizzle wraps the cause). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code } = e as { code?: unknown };
    if (code === '23505') {
      if (!constraint) return true;
      const named =
        (e as { constraint_name?: string; constraint?: string }).constraint_name ??
        (e as { constraint?: string }).constraint;
      return named === undefined || named === constraint;
    }
  }
  return false;
}

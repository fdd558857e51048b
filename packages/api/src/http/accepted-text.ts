/**
 * The text the API accepts, in every string of every request (body, query, path; object keys
 * too): well-formed Unicode without NUL. PostgreSQL cannot store U+0000 in text or jsonb, and a
 * lone surrogate is no character at all; both used to reach the database and fail there as a 500.
 * The validator applies this to every route, so no schema can forget it.
 */
export interface IllFormedText {
  /** JSON pointer of the field within its part (`/name`, `/profile`). */
  instancePath: string;
  message: string;
}

const NUL = '\u0000';

// Node 20 has String.prototype.isWellFormed; TypeScript's ES2022 lib does not declare it yet.
type WellFormedCheck = string & { isWellFormed(): boolean };

const problemOf = (s: string): string | undefined => {
  if (s.includes(NUL)) return 'must not contain NUL characters (U+0000)';
  if (!(s as WellFormedCheck).isWellFormed())
    return 'must be well-formed Unicode (it contains a lone surrogate)';
  return undefined;
};

const pointerEscape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first string (or key) in `value` the API does not accept, or undefined. */
export function findIllFormedText(value: unknown, path = ''): IllFormedText | undefined {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? { instancePath: path, message } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormedText(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const keyProblem = problemOf(key);
    // The key itself cannot be named safely; the object holding it is the field.
    if (keyProblem)
      return { instancePath: path, message: 'has a key with a NUL character or a lone surrogate' };
    const found = findIllFormedText(inner, `${path}/${pointerEscape(key)}`);
    if (found) return found;
  }
  return undefined;
}

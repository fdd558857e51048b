export { SESSION_KINDS, type SessionKind } from '../../db/schema/sessions.js';

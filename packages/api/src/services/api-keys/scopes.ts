export { API_KEY_SCOPES, type ApiKeyScope } from '../../db/schema/api-keys.js';

import { benchRules } from './rules.js';

/** `pnpm bench` (core part): the rule engine, then the message lint. */
const results: Record<string, unknown> = { rules: benchRules() };
try {
  const { benchMessages } = await import('./messages.js');
  results.messages = await benchMessages();
} catch (error) {
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
console.log(JSON.stringify({ core: results }, null, 2));

/**
 * `pnpm docker:check` (part of `pnpm check`): `docker-compose config` validates
 * docker/compose.yaml with docker/example.env (every required variable set, the file well
 * formed), and the configuration it renders must give production what it needs: the API creates
 * a live first tenant (INFOVIEW_TENANT_MODE=live, a name), never the sandbox demo whose test
 * clock can freeze time, and listens on every interface inside its container.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

const rendered = execFileSync(
  'docker-compose',
  ['--env-file', 'docker/example.env', '-f', 'docker/compose.yaml', 'config'],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);

/** `services.<name>.environment` of docker-compose's normalised output (two-space YAML). */
function environmentOf(service: string): Record<string, string> {
  const lines = rendered.split('\n');
  const start = lines.indexOf(`  ${service}:`);
  if (start < 0) throw new Error(`docker-compose config has no service "${service}"`);
  const environment: Record<string, string> = {};
  let inside = false;
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,2}\S/.test(line)) break; // the next service, or the end of `services`
    if (line === '    environment:') {
      inside = true;
      continue;
    }
    if (inside) {
      const match = /^ {6}([A-Z0-9_]+): (.*)$/.exec(line);
      if (!match) break;
      environment[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
    }
  }
  return environment;
}

const problems: string[] = [];
const api = environmentOf('api');
if (api.INFOVIEW_TENANT_MODE !== 'live') {
  problems.push(`the api service's INFOVIEW_TENANT_MODE is "${api.INFOVIEW_TENANT_MODE}", not "live"`);
}
if (!api.INFOVIEW_TENANT_NAME?.trim()) problems.push('the api service has no INFOVIEW_TENANT_NAME');
if (!api.INFOVIEW_ADMIN_API_KEY) problems.push('the api service has no INFOVIEW_ADMIN_API_KEY');
// The image opens HOST for the container's network (the API's own default is loopback).
if (!/^\s*HOST=0\.0\.0\.0 \\$/m.test(readFileSync(path.join(ROOT, 'docker/Dockerfile'), 'utf8'))) {
  problems.push('docker/Dockerfile does not set HOST=0.0.0.0 for the container');
}
if (api.HOST && api.HOST !== '0.0.0.0') problems.push(`the api service sets HOST=${api.HOST}: unreachable`);

if (problems.length > 0) {
  for (const problem of problems) console.error(`docker:check: ${problem}`);
  process.exit(1);
}
console.log('docker:check: compose.yaml is valid; the API creates a live first tenant');

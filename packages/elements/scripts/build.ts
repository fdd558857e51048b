/**
 * `pnpm --filter @infoview/elements build`: one minified ESM file with Lit and the SDK inside,
 * dist/infoview-elements.js, that a page loads with a single script tag.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(PACKAGE_DIR, 'dist/infoview-elements.js');

export async function buildBundle(): Promise<void> {
  await build({
    entryPoints: [join(PACKAGE_DIR, 'src/index.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'linked',
    legalComments: 'none',
    tsconfig: join(PACKAGE_DIR, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle();
  console.log(`built ${BUNDLE}`);
}

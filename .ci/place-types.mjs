#!/usr/bin/env node
/** After `tsc -p tsconfig.build.json`: moves each package's declarations to packages/<name>/dist/types. */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';

const emitted = 'node_modules/.cache/clvkit-types/packages';
for (const name of readdirSync('packages')) {
  const from = `${emitted}/${name}/src`;
  if (!existsSync(from)) continue;
  rmSync(`packages/${name}/dist/types`, { recursive: true, force: true });
  cpSync(from, `packages/${name}/dist/types`, { recursive: true });
}
rmSync('node_modules/.cache/clvkit-types', { recursive: true, force: true });

#!/usr/bin/env node
/**
 * `npm start`: builds the browser bundle (dist/clvkit.js, for the plain-HTML example), then
 * serves examples/ and prints the demo's URL. Options: --port N (default 5173), --no-build.
 */
import { createServer } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import sirv from './static.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 5173);

if (!args.includes('--no-build') || !existsSync(`${root}/dist/clvkit.js`)) {
  console.log('Building the browser bundle (dist/clvkit.js) ...');
  const build = spawnSync(process.execPath, [`${root}/node_modules/rollup/dist/bin/rollup`, '-c', `${root}/rollup.config.mjs`, '--silent'], { cwd: root, stdio: 'inherit', env: { ...process.env, CLVKIT_BUILD: 'browser' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await createServer({
  configFile: fileURLToPath(new URL('./vite.config.mjs', import.meta.url)),
  server: { port },
  plugins: [{ name: 'clvkit-dist', configureServer: (s) => { s.middlewares.use('/dist', sirv(`${root}/dist`)); } }],
});
await server.listen();
const url = server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\nclvkit demo dashboard:   ${url}dashboard/`);
console.log(`plain-HTML (one script): ${url}plain-html/`);
console.log(`React 19 host:           ${url}react/`);
console.log(`Vue 3 host:              ${url}vue/`);
console.log(`two merchants' themes:  ${url}themes/`);
console.log('Press Ctrl+C to stop.');

/**
 * Times (and with --cpu-prof profiles) the BG/NBD + Gamma-Gamma fits alone on the sample shop:
 *
 *   node bench/analyses/clv-fit.mjs [--orders=1000000] [--repeat=3] [--optimiser=nelder-mead] [--cpu-prof] [--micro] [--trace]
 *
 * Profiles go to bench/.cache/prof-clv/ (open them in Chrome DevTools).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleForNode, CACHE, ROOT } from '../lib/bundle.mjs';

const argv = process.argv.slice(2);
const bundle = await bundleForNode('bench/analyses/clv-fit-entry.ts');
const node = ['--max-old-space-size=8192'];
if (argv.includes('--cpu-prof')) node.push('--cpu-prof', `--cpu-prof-dir=${join(CACHE, 'prof-clv')}`, '--cpu-prof-interval=200');
const child = spawnSync(process.execPath, [...node, bundle, `--root=${ROOT}`, ...argv.filter((a) => a !== '--cpu-prof')], { stdio: 'inherit' });
process.exit(child.status ?? 1);

#!/usr/bin/env node
// Runs `npm ci --no-audit --no-fund` unless node_modules was already installed
// by this script from exactly the current package.json + package-lock.json
// (same Node major, same platform). Keeps repeated Maven builds fast while a
// clean clone, or any lockfile change, always gets a fresh `npm ci`.
//
// Force a reinstall: delete node_modules/ (or node_modules/.baton-npm-ci.stamp),
// or set BATON_UI_FORCE_NPM_CI=true (Maven: -Dbaton.ui.forceNpmCi=true).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.baton-npm-ci.stamp');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12)) {
  console.error(`[baton-ui] Node ${process.versions.node} is too old: Vite needs ^20.19.0 or >=22.12.0.`);
  process.exit(1);
}

const hash = createHash('sha256');
for (const f of ['package.json', 'package-lock.json', '.npmrc']) {
  const p = join(root, f);
  hash.update(f + '\0');
  if (existsSync(p)) hash.update(readFileSync(p));
}
hash.update(`node${major}\0${process.platform}\0${process.arch}`);
const want = hash.digest('hex');

const force = /^(1|true|yes)$/i.test(process.env.BATON_UI_FORCE_NPM_CI ?? '');
const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (!force && have === want) {
  console.log('[baton-ui] node_modules matches package-lock.json; skipping npm ci');
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = ['ci', '--no-audit', '--no-fund'];
console.log(`[baton-ui] ${npm} ${args.join(' ')}`);
const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.error) {
  console.error(`[baton-ui] could not run npm: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, want + '\n');

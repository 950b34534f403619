// `npm test`'s import check (docs/decisions/0016-two-entries-and-no-import-circles.md): no import circles among
// any package's sources, and plugins import only the plugin contract. The rules are in .dependency-cruiser.cjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
if (!existsSync(bin)) {
  console.error('dependency-cruiser is not installed: run `npm install` at the repository root (package-lock.json lists it).');
  process.exit(1);
}
const args = ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'packages', 'plugins'];
process.exitCode = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;

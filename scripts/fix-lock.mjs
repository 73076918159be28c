// Adds lock entries for unrs-resolver's platform bindings that the registry here does not
// serve (they 404), so `npm ci` sees a complete lock and skips them by os/cpu.
import fs from 'node:fs';
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const parent = lock.packages['node_modules/unrs-resolver'];
let added = 0;
for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = /resolver-binding-([a-z0-9]+)-([a-z0-9]+)/.exec(name);
  const [, osName, cpuName] = m;
  const os = osName === 'win32' ? 'win32' : osName;
  const cpu = { ia32: 'ia32', x64: 'x64', arm64: 'arm64', arm: 'arm', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', wasi: 'wasm32' }[cpuName] ?? cpuName;
  const entry = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true };
  if (osName !== 'wasm32') entry.os = [os];
  else entry.cpu = ['wasm32'];
  lock.packages[key] = entry;
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);

// Packs each package as npm would publish it, then runs publint and Are the Types Wrong on the tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each package with the Are the Types Wrong profile it is held to: the server is ESM only (Node ≥ 20.19). */
const packages = [
  ['engine', 'node16'],
  ['react', 'node16'],
  ['server', 'esm-only'],
];
const dir = mkdtempSync(join(tmpdir(), 'palaute-pack-'));
let failed = false;

const run = (command, args) => {
  try {
    execFileSync(command, args, { stdio: 'inherit' });
  } catch {
    failed = true;
  }
};

try {
  for (const [name, profile] of packages) {
    const cwd = join('packages', name);
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd, encoding: 'utf8' }),
    );
    const tarball = join(dir, packed.filename);
    console.log(
      `\n@palaute/${name}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KB packed`,
    );
    run('npx', ['publint', 'run', tarball, '--strict']);
    // A stylesheet has no types to resolve.
    run('npx', ['attw', tarball, '--profile', profile, '--exclude-entrypoints', './styles.css']);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failed) {
  console.error('\nlint:pkg found problems (see above).');
  process.exit(1);
}
console.log('\nlint:pkg: both packages are clean.');

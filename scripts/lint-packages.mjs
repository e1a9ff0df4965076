// Packs each package as npm would publish it, then runs publint and Are the Types Wrong on the tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packages = ['engine', 'react'];
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
  for (const name of packages) {
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
    run('npx', ['attw', tarball, '--profile', 'node16', '--exclude-entrypoints', './styles.css']);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failed) {
  console.error('\nlint:pkg found problems (see above).');
  process.exit(1);
}
console.log('\nlint:pkg: both packages are clean.');

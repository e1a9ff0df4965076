// `npm test` runs stories and browser tests in Debian's Chromium; no tool may download a browser.
import { accessSync, constants, statSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

if (!isExecutableFile(path)) {
  console.error(
    `Chromium not found at ${path}; install it with \`sudo apt-get install -y chromium\` or set CHROMIUM_PATH ` +
      '(the browser and story tests run in it; no tool here downloads a browser).',
  );
  process.exit(1);
}

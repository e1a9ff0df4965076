// `npm test` runs stories and browser tests in Debian's Chromium; no tool may download a browser.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    `Chromium not found at ${path}.\n` +
      "The story and browser tests need it. Install Debian's Chromium with `sudo apt-get install -y chromium`,\n" +
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
  );
  process.exit(1);
}

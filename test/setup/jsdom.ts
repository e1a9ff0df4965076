import '@testing-library/jest-dom/vitest';
import { configure, getConfig } from '@testing-library/dom';
import { cleanup, getConfig as getReactConfig } from '@testing-library/react';
import { afterEach } from 'vitest';

// In the React 18 project @testing-library/react is pre-bundled (so the React 18 aliases reach it),
// together with its own copy of @testing-library/dom; user-event imports the other copy, which
// @testing-library/react never configured. Its events and waits would then run outside act() and
// React would warn about every update they cause. Hand that copy the same wrappers.
// (In the React 19 project there is one copy, and this changes nothing.)
if (getConfig !== getReactConfig) {
  const { eventWrapper, asyncWrapper, unstable_advanceTimersWrapper } = getReactConfig();
  configure({ eventWrapper, asyncWrapper, unstable_advanceTimersWrapper });
}

afterEach(() => {
  cleanup();
  // The provider's default outbox keeps records in localStorage here (jsdom has no IndexedDB):
  // each test starts with an empty one, as a new visitor would.
  localStorage.clear();
});

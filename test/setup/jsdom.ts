import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // The provider's default outbox keeps records in localStorage here (jsdom has no IndexedDB):
  // each test starts with an empty one, as a new visitor would.
  localStorage.clear();
});

import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { inAct } from './act';

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

/**
 * Renders `ui` into `container` (by default a new element of the page, `width` px wide when given),
 * inside `act()`; unmounted, and `host` removed, after the test. Gives the element the page holds.
 */
export async function mount(
  ui: ReactNode,
  options: { width?: number; host?: HTMLElement; container?: Element } = {},
): Promise<HTMLElement> {
  const host = options.host ?? document.createElement('div');
  if (options.width !== undefined) host.style.width = `${options.width}px`;
  if (!host.isConnected) document.body.append(host);
  const root = createRoot(options.container ?? host);
  mounted.push({ root, host });
  await inAct(() => root.render(ui));
  return host;
}

import { createMemoryBackend } from '@palaute/engine';
import { Changelog, PalauteProvider, Roadmap } from '@palaute/react';
import '../../packages/react/src/styles.css';
import { mount } from './mount';

describe('the roadmap and the changelog that could not be loaded, in Chromium', () => {
  it('offer "Try again" as a button of the board’s own style, at least 44 px high', async () => {
    const backend = createMemoryBackend();
    const offline = () => Promise.reject(new Error('Offline'));
    const board = { ...backend.board, roadmap: offline, changelog: offline };
    const host = await mount(
      <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
        <Roadmap />
        <Changelog />
      </PalauteProvider>,
    );
    const buttons = await vi.waitFor(() => {
      const found = [...host.querySelectorAll<HTMLButtonElement>('[role="alert"] button')];
      if (found.length < 2) throw new Error('Not failed yet.');
      return found;
    });
    for (const button of buttons) {
      const style = getComputedStyle(button);
      expect(button.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
      expect(style.fontWeight).toBe('600');
      expect(Number.parseFloat(style.borderTopLeftRadius)).toBeGreaterThan(0);
    }
  });
});

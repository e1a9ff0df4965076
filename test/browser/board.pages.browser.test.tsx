import { createMemoryBackend } from '@palaute/engine';
import { Changelog, FeedbackBoard, PalauteProvider, Roadmap } from '@palaute/react';
import type { ReactNode } from 'react';
import '../../packages/react/src/styles.css';
import { categorisedIdeas } from '../fixtures/board';
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

/** The elements inside `box` that reach past its padding on the right (none, where nothing overflows). */
const pastTheEdge = (box: HTMLElement) => {
  const inner =
    box.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(box).paddingRight);
  return [...box.querySelectorAll<HTMLElement>('*')]
    .filter((element) => element.getBoundingClientRect().right > inner + 0.5)
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
};

/** `ui` over the categorised board, for Ben, 272 px wide (a 320 px phone's column). */
const inPhoneColumn = async (ui: ReactNode) =>
  mount(
    <PalauteProvider backend={await categorisedIdeas()} customer={{ id: 'ben' }} outbox={false}>
      {ui}
    </PalauteProvider>,
    { width: 272 },
  );

describe('the board in a narrow column, in Chromium', () => {
  it('given 272 px (a 320 px phone’s column) › the form, the filters and the ideas stay inside the board', async () => {
    const host = await inPhoneColumn(<FeedbackBoard />);
    const board = host.querySelector<HTMLElement>('.palaute-FeedbackBoard') as HTMLElement;
    await vi.waitFor(() => {
      if (host.querySelectorAll('.palaute-BoardToolbar [data-part="field"]').length < 5)
        throw new Error('The filters are not all there yet.');
      if (!host.querySelector('.palaute-IdeaCard')) throw new Error('No idea yet.');
    });
    expect(pastTheEdge(board)).toEqual([]);
  });

  it("given 272 px › the roadmap's category filter and its columns stay inside the roadmap", async () => {
    const host = await inPhoneColumn(<Roadmap />);
    const roadmap = host.querySelector<HTMLElement>('.palaute-Roadmap') as HTMLElement;
    const select = await vi.waitFor(() => {
      const found = roadmap.querySelector<HTMLSelectElement>('[data-part="toolbar"] select');
      if (!found) throw new Error('No category filter yet.');
      return found;
    });
    expect(select.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
    expect(pastTheEdge(roadmap)).toEqual([]);
  });
});

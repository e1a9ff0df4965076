import { waitFor } from 'xstate';
import {
  connectChangelog,
  connectRoadmap,
  createChangelog,
  createRoadmap,
} from '../../packages/engine/src/board/board.pages.connect';
import { oneIdea } from '../fixtures/board';

describe('the board’s roadmap and changelog reads', () => {
  it('given a read that fails › failed with the reason; retry reads again; refresh keeps what is shown meanwhile', async () => {
    const backend = await oneIdea();
    await backend.team.board.setStatus(
      'idea-csv-0001',
      { status: 'planned' },
      { kind: 'team', id: 'sofia' },
    );
    let down = true;
    const port = {
      roadmap: (id: string) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.roadmap(id),
      changelog: (id: string) => backend.board.changelog(id),
    };
    const roadmap = createRoadmap({ port, customerId: 'ben' }).start();
    const api = () => connectRoadmap(roadmap.getSnapshot(), roadmap.send);
    await waitFor(roadmap, (s) => s.value !== 'loading');
    expect(api()).toMatchObject({ state: 'failed', error: 'Offline', value: undefined });
    down = false;
    api().retry();
    await waitFor(roadmap, (s) => s.value === 'ready');
    const planned = api().value?.columns.find((column) => column.lifecycle === 'planned');
    expect(planned?.ideas.map((idea) => idea.id)).toEqual(['idea-csv-0001']);
    api().refresh();
    expect(api().state).toBe('loading');
    expect(api().value).toBeDefined();
    roadmap.stop();

    const changelog = createChangelog({ port, customerId: 'ben' }).start();
    await waitFor(changelog, (s) => s.value === 'ready');
    expect(connectChangelog(changelog.getSnapshot(), changelog.send).value).toEqual([]);
    changelog.stop();
  });
});

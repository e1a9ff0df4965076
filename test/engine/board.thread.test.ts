import { waitFor } from 'xstate';
import {
  connectIdeaThread,
  createIdeaThread,
  type IdeaThreadActor,
} from '../../packages/engine/src/board/board.thread.connect';
import { createDraftStore } from '../../packages/engine/src/drafts/drafts.store';
import { oneIdea } from '../fixtures/board';
import { MemoryStorage } from './drafts.helpers';

const seeded = oneIdea;

const apiOf = (actor: IdeaThreadActor) => connectIdeaThread(actor.getSnapshot(), actor.send);
const idle = (actor: IdeaThreadActor) =>
  waitFor(actor, (snapshot) => {
    const api = connectIdeaThread(snapshot, actor.send);
    return !api.sending && api.view !== 'loading';
  });

describe('an idea’s thread for a customer', () => {
  it('given the thread opened › loads the idea’s comments; a comment posted shows and empties the field; text typed on while it was posted stays', async () => {
    const backend = await seeded();
    const actor = createIdeaThread(
      { port: backend.board, customerId: 'ben' },
      { ideaId: 'idea-csv-0001' },
    ).start();
    expect(apiOf(actor).view).toBe('closed');
    apiOf(actor).toggle();
    await idle(actor);
    expect(apiOf(actor)).toMatchObject({ view: 'ready', open: true });
    expect(apiOf(actor).detail?.comments).toEqual([]);
    // Blank text posts nothing.
    apiOf(actor).setDraft('   ');
    apiOf(actor).send();
    expect(apiOf(actor).sending).toBe(false);
    apiOf(actor).setDraft('Semicolons');
    apiOf(actor).send();
    expect(apiOf(actor).sending).toBe(true);
    // Closing the thread meanwhile does not stop the post.
    apiOf(actor).toggle();
    await idle(actor);
    expect(apiOf(actor)).toMatchObject({ view: 'closed', draft: '', sendError: undefined });
    expect(apiOf(actor).detail?.comments.map((comment) => comment.body)).toEqual(['Semicolons']);
    apiOf(actor).setDraft('Tabs too');
    apiOf(actor).send();
    apiOf(actor).setDraft('Tabs too, and quotes');
    await idle(actor);
    expect(apiOf(actor).draft).toBe('Tabs too, and quotes');
    expect(apiOf(actor).detail?.comments.map((comment) => comment.body)).toEqual([
      'Semicolons',
      'Tabs too',
    ]);
    actor.stop();
  });

  it('given a post refused, then one whose answer was lost › the text stays with the reason, and the retry is the same comment', async () => {
    const backend = await seeded();
    const failures = ['refused', 'lost'];
    const port = {
      ...backend.board,
      comment: async (...args: Parameters<typeof backend.board.comment>) => {
        const failure = failures.shift();
        if (failure === 'refused') throw new Error('The network is down');
        const comment = await backend.board.comment(...args);
        if (failure === 'lost') throw new Error('The connection was reset');
        return comment;
      },
    };
    let n = 0;
    const actor = createIdeaThread(
      { port, customerId: 'ben', newId: () => `c${String(++n).padStart(8, '0')}` },
      { ideaId: 'idea-csv-0001' },
    ).start();
    apiOf(actor).toggle();
    apiOf(actor).setDraft('Semicolons');
    for (const reason of ['The network is down', 'The connection was reset']) {
      apiOf(actor).send();
      await idle(actor);
      expect(apiOf(actor)).toMatchObject({ draft: 'Semicolons', sendError: reason });
    }
    apiOf(actor).send();
    await idle(actor);
    expect(apiOf(actor)).toMatchObject({ draft: '', sendError: undefined });
    const { comments } = await backend.board.getIdea('ben', 'idea-csv-0001');
    expect(comments.map((comment) => [comment.id, comment.body])).toEqual([
      ['comment-c00000001', 'Semicolons'],
    ]);
    actor.stop();
  });

  it('given a post whose answer was lost and the page reloaded › the kept comment posted again is the same comment; edited first, it is another', async () => {
    const backend = await seeded();
    const storage = new MemoryStorage();
    let lose = true;
    const port = {
      ...backend.board,
      comment: async (...args: Parameters<typeof backend.board.comment>) => {
        const comment = await backend.board.comment(...args);
        if (lose) {
          lose = false;
          throw new Error('The connection was reset');
        }
        return comment;
      },
    };
    let n = 0;
    // Each page load: a new draft store over the same storage, new ids, a new thread.
    const load = () =>
      createIdeaThread(
        {
          port,
          customerId: 'ben',
          drafts: createDraftStore({ storage }),
          newId: () => `c${String(++n).padStart(8, '0')}`,
        },
        { ideaId: 'idea-csv-0001' },
      ).start();
    const first = load();
    apiOf(first).toggle();
    apiOf(first).setDraft('Semicolons');
    apiOf(first).send();
    await idle(first);
    expect(apiOf(first).sendError).toBe('The connection was reset');
    first.stop();
    const second = load();
    expect(apiOf(second)).toMatchObject({ draft: 'Semicolons', restored: true });
    apiOf(second).toggle();
    apiOf(second).send();
    await idle(second);
    expect(apiOf(second)).toMatchObject({ draft: '', sendError: undefined });
    const comments = async () =>
      (await backend.board.getIdea('ben', 'idea-csv-0001')).comments.map((comment) => [
        comment.id,
        comment.body,
      ]);
    expect(await comments()).toEqual([['comment-c00000001', 'Semicolons']]);
    second.stop();
    // Sent, the draft and its id are gone: the next comment is a new one.
    expect(createDraftStore({ storage }).read('comment', 'ben')).toEqual({});
    // A lost answer, then the text changed after the reload: what is sent is a new comment.
    lose = true;
    const third = load();
    apiOf(third).toggle();
    apiOf(third).setDraft('Tabs');
    apiOf(third).send();
    await idle(third);
    third.stop();
    const fourth = load();
    apiOf(fourth).toggle();
    apiOf(fourth).setDraft('Tabs, and quotes');
    apiOf(fourth).send();
    await idle(fourth);
    fourth.stop();
    expect((await comments()).map(([, body]) => body)).toEqual([
      'Semicolons',
      'Tabs',
      'Tabs, and quotes',
    ]);
  });

  it('given a load that fails › says why, and loads again on retry', async () => {
    const backend = await seeded();
    let fail = true;
    const port = {
      ...backend.board,
      getIdea: (...args: Parameters<typeof backend.board.getIdea>) => {
        if (!fail) return backend.board.getIdea(...args);
        fail = false;
        return Promise.reject(new Error('Offline'));
      },
    };
    const actor = createIdeaThread(
      { port, customerId: 'ben' },
      { ideaId: 'idea-csv-0001' },
    ).start();
    apiOf(actor).toggle();
    await idle(actor);
    expect(apiOf(actor)).toMatchObject({ view: 'failed', loadError: 'Offline' });
    apiOf(actor).retry();
    await idle(actor);
    expect(apiOf(actor).view).toBe('ready');
    actor.stop();
  });

  it('given a draft store › a thread started later gives the comment back as restored; posted, the store forgets it', async () => {
    const backend = await seeded();
    const drafts = createDraftStore();
    const options = { port: backend.board, customerId: 'ben', drafts };
    const first = createIdeaThread(options, { ideaId: 'idea-csv-0001' }).start();
    apiOf(first).setDraft('Semicolons');
    first.stop();
    const other = createIdeaThread({ ...options, customerId: 'carl' }, { ideaId: 'idea-csv-0001' });
    expect(apiOf(other.start())).toMatchObject({ draft: '', restored: false });
    other.stop();
    const actor = createIdeaThread(options, { ideaId: 'idea-csv-0001' }).start();
    expect(apiOf(actor)).toMatchObject({ draft: 'Semicolons', restored: true });
    apiOf(actor).send();
    await idle(actor);
    expect(apiOf(actor)).toMatchObject({ draft: '', restored: false });
    expect(drafts.read('comment', 'ben')).toEqual({});
    actor.stop();
  });
});

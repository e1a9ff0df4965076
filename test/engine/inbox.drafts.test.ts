import {
  connectInbox,
  createDraftStore,
  createInbox,
  type DraftStore,
  INBOX_DRAFTS,
  type InboxActor,
  type InboxEmitted,
  keptInboxDrafts,
} from '@palaute/engine';
import { anna, createLoop, inboxItems, seedInbox } from '../fixtures/feedback';
import { MemoryStorage, until as waitUntil } from './drafts.helpers';

const until = (actor: InboxActor, ready: (api: ReturnType<typeof connectInbox>) => boolean) =>
  waitUntil(actor, connectInbox, ready, 'The inbox did not get there.');
const apiOf = (actor: InboxActor) => connectInbox(actor.getSnapshot(), actor.send);

async function started(
  drafts?: DraftStore,
  loop?: Awaited<ReturnType<typeof seeded>>,
  by: typeof anna = anna,
) {
  const { backend } = loop ?? (await seeded());
  const inbox = createInbox({
    team: backend.team,
    by,
    input: { refreshMs: 0 },
    createId: () => 'reply-0000001',
    drafts,
  }).start();
  const restored: InboxEmitted[] = [];
  inbox.on('draft.restored', (event) => restored.push(event));
  await until(inbox, (api) => api.listState === 'ready');
  return { inbox, restored, backend };
}

/** The team port whose first reply lands and whose answer is lost on the way back. */
function losesFirstReplyAnswer(backend: Awaited<ReturnType<typeof seeded>>['backend']) {
  let lose = true;
  return {
    ...backend.team,
    act: async (...args: Parameters<typeof backend.team.act>) => {
      const item = await backend.team.act(...args);
      if (args[1].type === 'reply.team' && lose) {
        lose = false;
        throw new Error('The connection was reset.');
      }
      return item;
    },
  };
}

async function seeded() {
  const loop = createLoop();
  await seedInbox(loop.backend, loop.clock);
  return loop;
}

describe('the inbox’s reply and decline reason, written and not sent', () => {
  it('given a reply typed and another item opened › the other starts empty; back on the first, the reply is there, said restored', async () => {
    const { inbox, restored } = await started();
    apiOf(inbox).select(inboxItems.login);
    apiOf(inbox).setDraft('reply', 'Which browser do you use?');
    apiOf(inbox).setDraft('decline', '  ');
    apiOf(inbox).select(inboxItems.preview);
    expect(apiOf(inbox).drafts.reply).toBe('');
    expect(apiOf(inbox).restoredDrafts).toEqual([]);
    expect(apiOf(inbox).draftItemIds).toEqual([inboxItems.login]);
    apiOf(inbox).setDraft('decline', 'Out of scope');
    apiOf(inbox).select(inboxItems.login);
    expect(apiOf(inbox).drafts).toMatchObject({ reply: 'Which browser do you use?', decline: '' });
    expect(apiOf(inbox).restoredDrafts).toEqual(['reply']);
    expect(apiOf(inbox).draftItemIds).toEqual([inboxItems.preview]);
    expect(restored).toEqual([
      { type: 'draft.restored', itemId: inboxItems.login, fields: ['reply'] },
    ]);
    apiOf(inbox).select(inboxItems.preview);
    expect(apiOf(inbox).drafts).toMatchObject({ reply: '', decline: 'Out of scope' });
    expect(apiOf(inbox).restoredDrafts).toEqual(['decline']);
    inbox.stop();
  });

  it('given a reply typed and the item closed › reopened, the reply is there; sent, it is gone for good', async () => {
    const { inbox, restored } = await started();
    apiOf(inbox).select(inboxItems.login);
    apiOf(inbox).setDraft('reply', 'Fixed today.');
    apiOf(inbox).close();
    expect(apiOf(inbox).drafts.reply).toBe('');
    apiOf(inbox).select(inboxItems.login);
    expect(apiOf(inbox).drafts.reply).toBe('Fixed today.');
    expect(restored).toHaveLength(1);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && !api.busy);
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.drafts.reply === '');
    expect(apiOf(inbox).restoredDrafts).toEqual([]);
    apiOf(inbox).close();
    apiOf(inbox).select(inboxItems.login);
    expect(apiOf(inbox).drafts.reply).toBe('');
    expect(restored).toHaveLength(1);
    inbox.stop();
  });

  it('given a reply sent and another item opened before it is done › the reply of the item now shown is kept', async () => {
    const { inbox } = await started();
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login);
    apiOf(inbox).setDraft('reply', 'On its way.');
    apiOf(inbox).reply();
    expect(apiOf(inbox).busy).toBe(true);
    apiOf(inbox).select(inboxItems.preview);
    apiOf(inbox).setDraft('reply', 'Still writing this one');
    await until(inbox, (api) => !api.busy);
    expect(apiOf(inbox).drafts.reply).toBe('Still writing this one');
    expect(apiOf(inbox).draftItemIds).toEqual([]);
    inbox.stop();
  });

  it('given a draft store, a reply and a reason typed and the inbox gone (another tab) › a new inbox gives each back on opening its item, said restored; another member gets none; sent, the store forgets it', async () => {
    const drafts = createDraftStore();
    const loop = await seeded();
    const first = await started(drafts, loop);
    apiOf(first.inbox).select(inboxItems.login);
    apiOf(first.inbox).setDraft('reply', 'Which browser?');
    apiOf(first.inbox).select(inboxItems.preview);
    apiOf(first.inbox).setDraft('decline', 'Out of scope');
    first.inbox.stop();
    expect(keptInboxDrafts(drafts, anna.id)).toEqual({
      [inboxItems.login]: { reply: 'Which browser?' },
      [inboxItems.preview]: { decline: 'Out of scope' },
    });

    const someoneElse = await started(drafts, loop, { ...anna, id: 'ben', name: 'Ben' });
    expect(apiOf(someoneElse.inbox).draftItemIds).toEqual([]);
    someoneElse.inbox.stop();

    const { inbox, restored } = await started(drafts, loop);
    expect([...apiOf(inbox).draftItemIds].sort()).toEqual(
      [inboxItems.login, inboxItems.preview].sort(),
    );
    apiOf(inbox).select(inboxItems.login);
    expect(apiOf(inbox).drafts).toMatchObject({ reply: 'Which browser?', decline: '' });
    expect(apiOf(inbox).restoredDrafts).toEqual(['reply']);
    expect(restored).toEqual([
      { type: 'draft.restored', itemId: inboxItems.login, fields: ['reply'] },
    ]);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && !api.busy);
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.drafts.reply === '');
    expect(drafts.read(INBOX_DRAFTS.reply, anna.id)).toEqual({});
    expect(drafts.read(INBOX_DRAFTS.decline, anna.id)[inboxItems.preview]?.text).toBe(
      'Out of scope',
    );
    apiOf(inbox).select(inboxItems.preview);
    expect(apiOf(inbox).drafts.decline).toBe('Out of scope');
    expect(apiOf(inbox).restoredDrafts).toEqual(['decline']);
    inbox.stop();
  });

  it('given a reply whose answer was lost on the way back › sending it again is the same reply, not a second message to the customer', async () => {
    const { backend } = await seeded();
    const team = losesFirstReplyAnswer(backend);
    let ids = 0;
    const inbox = createInbox({
      team,
      by: anna,
      input: { refreshMs: 0 },
      createId: () => `reply-${String(++ids).padStart(7, '0')}`,
    }).start();
    await until(inbox, (api) => api.listState === 'ready');
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && !api.busy);
    apiOf(inbox).setDraft('reply', 'Fixed today.');
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.errors.reply !== undefined);
    // Nothing lost: the reply waits in its field to be sent again.
    expect(apiOf(inbox).drafts.reply).toBe('Fixed today.');
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.drafts.reply === '');
    const item = await backend.team.getFeedback(inboxItems.login);
    expect(item.replies.map((reply) => [reply.id, reply.body])).toEqual([
      ['reply-0000001', 'Fixed today.'],
    ]);
    // The next reply is a new message.
    apiOf(inbox).setDraft('reply', 'And one more thing.');
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.drafts.reply === '');
    expect((await backend.team.getFeedback(inboxItems.login)).replies).toHaveLength(2);
    inbox.stop();
  });

  it('given a reply whose answer was lost and the page reloaded › the kept reply sent again is the same reply', async () => {
    const { backend } = await seeded();
    const storage = new MemoryStorage();
    const team = losesFirstReplyAnswer(backend);
    let ids = 0;
    // Each page load: a new draft store over the same storage, new ids, a new inbox.
    const load = async () => {
      const inbox = createInbox({
        team,
        by: anna,
        input: { refreshMs: 0 },
        createId: () => `reply-${String(++ids).padStart(7, '0')}`,
        drafts: createDraftStore({ storage }),
      }).start();
      await until(inbox, (api) => api.listState === 'ready');
      apiOf(inbox).select(inboxItems.login);
      await until(inbox, (api) => api.selected?.item.id === inboxItems.login && !api.busy);
      return inbox;
    };
    const first = await load();
    apiOf(first).setDraft('reply', 'Fixed today. ');
    apiOf(first).reply();
    await until(first, (api) => !api.busy && api.errors.reply !== undefined);
    first.stop();
    const second = await load();
    expect(apiOf(second).drafts.reply.trim()).toBe('Fixed today.');
    apiOf(second).reply();
    await until(second, (api) => !api.busy && api.drafts.reply === '');
    const item = await backend.team.getFeedback(inboxItems.login);
    expect(item.replies.map((reply) => [reply.id, reply.body])).toEqual([
      ['reply-0000001', 'Fixed today.'],
    ]);
    second.stop();
  });
});

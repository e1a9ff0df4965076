import {
  connectYourFeedback,
  createDraftStore,
  createYourFeedback,
  draftStorageKey,
  parseTextDrafts,
  type YourFeedbackActor,
} from '@palaute/engine';
import { anna, answer, createLoop } from '../fixtures/feedback';
import { AT, MemoryStorage, until as waitUntil } from './drafts.helpers';

const apiOf = (actor: YourFeedbackActor) => connectYourFeedback(actor.getSnapshot(), actor.send);
const until = (actor: YourFeedbackActor, ready: (api: ReturnType<typeof apiOf>) => boolean) =>
  waitUntil(actor, connectYourFeedback, ready);

describe('createDraftStore', () => {
  it('given a draft written › reads it back under the same owner only, and blank text removes it', () => {
    const drafts = createDraftStore();
    drafts.write('reply', 'c-1', 'fb-1', 'Not yet', AT);
    expect(drafts.read('reply', 'c-1')).toEqual({ 'fb-1': { text: 'Not yet', draftedAt: AT } });
    expect(drafts.read('reply', 'c-2')).toEqual({});
    expect(drafts.read('teamReply', 'c-1')).toEqual({});
    drafts.write('reply', 'c-1', 'fb-1', '   ', AT);
    expect(drafts.read('reply', 'c-1')).toEqual({});
  });

  it('given a storage › keeps the drafts there under the owner key, so a new store (a reload) restores them; a clear removes the key', () => {
    const storage = new MemoryStorage();
    createDraftStore({ storage }).write('reply', 'c-1', 'fb-1', 'Kept', AT);
    expect(JSON.parse(storage.getItem('palaute:drafts:reply:c-1') ?? '')).toEqual({
      'fb-1': { text: 'Kept', draftedAt: AT },
    });
    const reloaded = createDraftStore({ storage });
    expect(reloaded.read('reply', 'c-1')['fb-1']?.text).toBe('Kept');
    reloaded.clear('reply', 'c-1', 'fb-1');
    expect(storage.getItem(draftStorageKey('reply', 'c-1'))).toBeNull();
  });

  it('given a tampered storage › restores only well-formed drafts', () => {
    expect(parseTextDrafts('nope')).toEqual({});
    expect(
      parseTextDrafts({
        ok: { text: 'Fine', draftedAt: AT },
        blank: { text: ' ', draftedAt: AT },
        number: { text: 5, draftedAt: AT },
        when: { text: 'x', draftedAt: 'yesterday' },
        // The pattern holds, the day does not exist: not a time anything was written.
        day: { text: 'x', draftedAt: '2026-02-30T08:00:00.000Z' },
        long: { text: 'x'.repeat(10_001), draftedAt: AT },
      }),
    ).toEqual({ ok: { text: 'Fine', draftedAt: AT } });
    const storage = new MemoryStorage();
    storage.setItem('palaute:drafts:reply:c-1', '{not json');
    expect(createDraftStore({ storage }).read('reply', 'c-1')).toEqual({});
  });

  it('given a send tried with an id › the draft keeps the id through a reload while its text stays; new text drops it', () => {
    const storage = new MemoryStorage();
    const drafts = createDraftStore({ storage });
    drafts.write('comment', 'ben', 'idea-1', 'Semicolons ', AT);
    drafts.markTried?.(
      'comment',
      'ben',
      'idea-1',
      'Semicolons',
      'c-0001',
      '2026-06-02T08:00:00.000Z',
    );
    // The text as sent, with its id; a text that was already there keeps its time.
    expect(createDraftStore({ storage }).read('comment', 'ben')).toEqual({
      'idea-1': { text: 'Semicolons', draftedAt: '2026-06-02T08:00:00.000Z', triedId: 'c-0001' },
    });
    drafts.markTried?.(
      'comment',
      'ben',
      'idea-1',
      'Semicolons',
      'c-0001',
      '2026-06-03T08:00:00.000Z',
    );
    expect(drafts.read('comment', 'ben')['idea-1']?.draftedAt).toBe('2026-06-02T08:00:00.000Z');
    // The same text written again (a field restored) keeps the id; other text is another send.
    drafts.write('comment', 'ben', 'idea-1', 'Semicolons', AT);
    expect(drafts.read('comment', 'ben')['idea-1']?.triedId).toBe('c-0001');
    drafts.write('comment', 'ben', 'idea-1', 'Semicolons and tabs', AT);
    expect(createDraftStore({ storage }).read('comment', 'ben')).toEqual({
      'idea-1': { text: 'Semicolons and tabs', draftedAt: AT },
    });
    // Nothing to send is nothing to keep.
    drafts.markTried?.('comment', 'ben', 'idea-2', '  ', 'c-0002', AT);
    expect(drafts.read('comment', 'ben')['idea-2']).toBeUndefined();
    // A stored id that is not one is dropped, the text kept.
    expect(
      parseTextDrafts({
        a: { text: 'A', draftedAt: AT, triedId: 7 },
        b: { text: 'B', draftedAt: AT, triedId: '' },
        c: { text: 'C', draftedAt: AT, triedId: 'x'.repeat(201) },
        d: { text: 'D', draftedAt: AT, triedId: 'c-0004' },
      }),
    ).toEqual({
      a: { text: 'A', draftedAt: AT },
      b: { text: 'B', draftedAt: AT },
      c: { text: 'C', draftedAt: AT },
      d: { text: 'D', draftedAt: AT, triedId: 'c-0004' },
    });
  });

  it('given a full storage › keeps the draft in memory and reports it', () => {
    const errors: unknown[] = [];
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const drafts = createDraftStore({ storage, onError: (error) => errors.push(error) });
    drafts.write('reply', 'c-1', 'fb-1', 'Still here', AT);
    expect(drafts.read('reply', 'c-1')['fb-1']?.text).toBe('Still here');
    expect(errors).toHaveLength(1);
  });
});

describe('your feedback with a draft store', () => {
  async function repliedLoop() {
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: 'fb-mine-0001',
      customerId: 'c-1',
      nps: 4,
      why: 'Slow',
      contact: true,
    });
    await backend.team.act(
      'fb-mine-0001',
      { type: 'reply.team', reply: { id: 'team-reply-01', body: 'Which page?' } },
      anna,
    );
    return backend;
  }

  it('given an answer typed and its thread gone unsent › the next thread restores it, marked restored; sending clears it everywhere', async () => {
    const backend = await repliedLoop();
    const drafts = createDraftStore();
    const first = createYourFeedback({
      backend,
      drafts,
      input: { customerId: 'c-1', refreshMs: 0 },
    }).start();
    await until(first, (api) => api.state === 'ready');
    apiOf(first).setDraft('fb-mine-0001', 'The invoices page.');
    expect(apiOf(first).items[0]?.draftedAt).toBeUndefined();
    first.stop();

    const other = createYourFeedback({
      backend,
      drafts,
      input: { customerId: 'c-2', refreshMs: 0 },
    }).start();
    expect(other.getSnapshot().context.drafts).toEqual({});
    other.stop();

    const next = createYourFeedback({
      backend,
      drafts,
      input: { customerId: 'c-1', refreshMs: 0 },
    }).start();
    await until(next, (api) => api.state === 'ready');
    expect(apiOf(next).items[0]).toMatchObject({
      draft: 'The invoices page.',
      draftedAt: expect.any(String),
    });
    apiOf(next).send('fb-mine-0001');
    await until(next, (api) => api.items[0]?.feedback.replies.length === 2);
    expect(apiOf(next).items[0]).toMatchObject({ draft: '', draftedAt: undefined });
    expect(drafts.read('reply', 'c-1')).toEqual({});
    next.stop();
  });

  it('given two views of the thread open at once › what one keeps fills the other’s empty field, never one being written', async () => {
    const backend = await repliedLoop();
    const drafts = createDraftStore();
    const start = () =>
      createYourFeedback({ backend, drafts, input: { customerId: 'c-1', refreshMs: 0 } }).start();
    const dialog = start();
    const panel = start();
    await until(panel, (api) => api.state === 'ready');
    apiOf(dialog).setDraft('fb-mine-0001', 'From the dialog');
    expect(panel.getSnapshot().context.drafts['fb-mine-0001']).toBe('From the dialog');
    apiOf(panel).setDraft('fb-mine-0001', 'Mine');
    apiOf(dialog).setDraft('fb-mine-0001', '');
    expect(panel.getSnapshot().context.drafts['fb-mine-0001']).toBe('Mine');
    dialog.stop();
    panel.stop();
  });
});

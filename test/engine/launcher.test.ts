import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import type { BackendPort } from '../../packages/engine/src/backend/backend.port';
import { defineBoard } from '../../packages/engine/src/board/board.utils';
import {
  connectLauncher,
  createLauncher,
  type LauncherOptions,
  selectLauncherState,
} from '../../packages/engine/src/launcher/launcher.connect';
import { createOutbox } from '../../packages/engine/src/outbox/outbox';
import { createMemoryOutboxStorage } from '../../packages/engine/src/outbox/outbox.storage';
import { ValidationError } from '../../packages/engine/src/shared/shared.errors';

// The launcher: the customer says what their feedback is about, writes it, and for an idea or a
// problem may agree to post it on the public board, under the name the host gives.

let n = 0;
const newId = () => `launch${String(++n).padStart(8, '0')}`;
const now = () => new Date('2026-06-01T09:00:00.000Z');

function start(options: Partial<LauncherOptions> & Pick<LauncherOptions, 'backend'>) {
  const launcher = createLauncher({ customerId: 'anna', newId, now, ...options });
  const api = () =>
    connectLauncher(launcher.getSnapshot(), launcher.send, { canPublish: !!options.board });
  const settled = () =>
    waitFor(launcher, (s) => !['submitting', 'posting'].includes(selectLauncherState(s)));
  return { launcher, api, settled };
}

describe('the launcher', () => {
  it('given praise › when sent › stores one feedback item with its kind, and never offers the board', async () => {
    const backend = createMemoryBackend();
    const { api, settled } = start({ backend, board: backend.board });
    api().chooseKind('praise');
    expect(api().canPublish).toBe(false);
    api().setPublic(true);
    expect(api().public).toBe(false);
    api().changeText('  The new invoice view is lovely  ');
    api().submit();
    await settled();
    expect(api().state).toBe('sent');
    const { items } = await backend.team.listFeedback();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      customerId: 'anna',
      kind: 'praise',
      consentToContact: false,
      text: 'The new invoice view is lovely',
      surveyId: 'launcher',
      touchpointId: 'launcher',
    });
    expect((await backend.board.listIdeas('anna')).ideas).toEqual([]);
  });

  it('given an idea without consent › when sent › nothing becomes public', async () => {
    const backend = createMemoryBackend();
    const { api, settled } = start({ backend, board: backend.board });
    api().chooseKind('idea');
    expect(api()).toMatchObject({ canPublish: true, public: false });
    api().changeText('Export invoices to Excel');
    api().changeTitle('Excel export');
    api().submit();
    await settled();
    expect(api().state).toBe('sent');
    expect((await backend.board.listIdeas('ben')).ideas).toEqual([]);
    expect((await backend.team.listFeedback()).items[0]?.kind).toBe('idea');
  });

  it('given a problem made public › when sent › a bug report goes on the board under the host’s name, linked to the item, the author’s vote from the launcher', async () => {
    const backend = createMemoryBackend();
    const { api, settled } = start({
      backend,
      board: backend.board,
      postedBy: { name: 'Anna' },
      segment: { plan: 'pro' },
    });
    api().chooseKind('problem');
    api().changeText('The PDF export cuts the last line');
    api().setContact(true);
    api().setPublic(true);
    api().submit();
    // A public post needs a title: nothing is sent yet.
    expect(api()).toMatchObject({ state: 'editing', invalid: ['title'] });
    api().changeTitle('PDF export cuts the last line');
    api().submit();
    await settled();
    expect(api()).toMatchObject({ state: 'posted', pending: false });
    const item = (await backend.team.listFeedback()).items[0];
    expect(item).toMatchObject({ kind: 'problem', consentToContact: true });
    const seen = await backend.board.listIdeas('ben');
    expect(seen.ideas).toHaveLength(1);
    expect(seen.ideas[0]).toMatchObject({
      kind: 'bug',
      title: 'PDF export cuts the last line',
      body: 'The PDF export cuts the last line',
      authorName: 'Anna',
      votes: 1,
    });
    const detail = await backend.team.board?.getIdea(seen.ideas[0]?.id as string);
    expect(detail?.idea.itemIds).toEqual([item?.id]);
    expect(detail?.votes).toEqual([
      expect.objectContaining({ customerId: 'anna', source: 'launcher', segment: { plan: 'pro' } }),
    ]);
  });

  it('given a board that approves first › when posted › the customer is told it waits for approval, others do not see it', async () => {
    const backend = createMemoryBackend({
      board: defineBoard({ id: 'ideas', moderation: 'approve' }),
    });
    const { api, settled } = start({ backend, board: backend.board });
    api().chooseKind('idea');
    api().changeText('Dark mode please');
    api().setPublic(true);
    api().changeTitle('Dark mode');
    api().submit();
    await settled();
    expect(api()).toMatchObject({ state: 'posted', pending: true });
    expect((await backend.board.listIdeas('ben')).ideas).toEqual([]);
  });

  it('given a kind and no text › when sent › marks what is missing and sends nothing', async () => {
    const backend = createMemoryBackend();
    const { api } = start({ backend });
    api().submit();
    expect(api()).toMatchObject({ state: 'editing', invalid: ['kind', 'text'] });
    api().chooseKind('other');
    expect(api().invalid).toEqual(['text']);
    expect((await backend.team.listFeedback()).items).toEqual([]);
  });

  it('given a failing board › when the post fails › the feedback is kept and a retry posts once', async () => {
    const backend = createMemoryBackend();
    let fail = true;
    const board = {
      suggestIdea: (...args: Parameters<typeof backend.board.suggestIdea>) =>
        fail ? Promise.reject(new Error('offline')) : backend.board.suggestIdea(...args),
    };
    const { api, settled } = start({ backend, board });
    api().chooseKind('idea');
    api().changeText('Recurring invoices');
    api().setPublic(true);
    api().changeTitle('Recurring invoices');
    api().submit();
    await settled();
    expect(api()).toMatchObject({ state: 'postFailed', error: 'offline' });
    expect((await backend.team.listFeedback()).items).toHaveLength(1);
    fail = false;
    api().retry();
    await settled();
    expect(api().state).toBe('posted');
    expect((await backend.board.listIdeas('ben')).ideas).toHaveLength(1);
  });

  it('given an outbox › when sent › the response waits there with its kind and arrives once', async () => {
    const backend = createMemoryBackend();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    const { api, settled } = start({ backend, outbox });
    api().chooseKind('problem');
    api().changeText('Login is slow');
    api().submit();
    await settled();
    expect(api().state).toBe('sent');
    await outbox.flush();
    await outbox.flush();
    const { items } = await backend.team.listFeedback();
    expect(items.map((item) => item.kind)).toEqual(['problem']);
  });

  it('given an outbox and no network › when made public › the post is queued, then arrives once when the network is back, linked to the item', async () => {
    const memory = createMemoryBackend();
    let online = false;
    const gate = <T>(work: () => Promise<T>) =>
      online ? work() : Promise.reject(new Error('offline'));
    const network: BackendPort = {
      ...memory,
      submitResponse: (response) => gate(() => memory.submitResponse(response)),
      deliver: (items) =>
        gate(() => (memory.deliver as NonNullable<BackendPort['deliver']>)(items)),
      board: {
        ...memory.board,
        suggestIdea: (input, by) => gate(() => memory.board.suggestIdea(input, by)),
        getIdea: (customerId, ideaId) => gate(() => memory.board.getIdea(customerId, ideaId)),
      },
    };
    const outbox = createOutbox({ backend: network, storage: createMemoryOutboxStorage() });
    const { launcher, api, settled } = start({
      backend: network,
      outbox,
      board: network.board,
      postedBy: { name: 'Anna' },
    });
    api().chooseKind('idea');
    api().changeText('Export invoices to Excel, please');
    api().setPublic(true);
    api().changeTitle('Excel export');
    api().submit();
    await settled();
    // Honest: the post waits in the outbox, nothing is on the board yet.
    expect(api()).toMatchObject({ state: 'queued', busy: false, idea: undefined });
    await outbox.flush({ retryNow: true });
    expect(api().state).toBe('queued');
    expect((await memory.board.listIdeas('ben')).ideas).toEqual([]);
    const [queued] = outbox.list('idea');
    expect(queued?.payload).toMatchObject({ title: 'Excel export', authorName: 'Anna' });

    online = true;
    await outbox.flush({ retryNow: true });
    await waitFor(launcher, (snapshot) => selectLauncherState(snapshot) === 'posted');
    expect(api()).toMatchObject({ state: 'posted', pending: false });
    expect(api().idea).toMatchObject({ title: 'Excel export', authorName: 'Anna', mine: true });
    // Sent again (a retry, another tab): still one idea, linked to the one feedback item.
    await outbox.enqueue('idea', queued?.payload as NonNullable<typeof queued>['payload']);
    await outbox.flush({ retryNow: true });
    const ideas = (await memory.board.listIdeas('ben')).ideas;
    expect(ideas).toHaveLength(1);
    const items = (await memory.team.listFeedback()).items;
    expect(items).toHaveLength(1);
    const detail = await memory.team.board?.getIdea(ideas[0]?.id as string);
    expect(detail?.idea.itemIds).toEqual([items[0]?.id]);
    expect(detail?.votes).toEqual([
      expect.objectContaining({ customerId: 'anna', source: 'launcher' }),
    ]);
    expect(outbox.status()).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('given an outbox › when the board refuses the post for good › it is kept aside and shown, the feedback sent', async () => {
    const memory = createMemoryBackend();
    const { deliver: _, ...oneByOne } = memory;
    const refusing: BackendPort = {
      ...oneByOne,
      board: {
        ...memory.board,
        suggestIdea: () =>
          Promise.reject(
            new ValidationError([{ path: 'title', message: 'is not allowed here' }], 'idea'),
          ),
      },
    };
    const outbox = createOutbox({ backend: refusing, storage: createMemoryOutboxStorage() });
    const { launcher, api, settled } = start({ backend: refusing, outbox, board: refusing.board });
    api().chooseKind('problem');
    api().changeText('The PDF export cuts the last line');
    api().setPublic(true);
    api().changeTitle('PDF cut');
    api().submit();
    await settled();
    await outbox.flush({ retryNow: true });
    await waitFor(launcher, (snapshot) => selectLauncherState(snapshot) === 'postRefused');
    expect(api().error).toMatch(/title/);
    // Kept aside in the outbox, not dropped; the feedback itself arrived.
    const [kept] = outbox.list('idea');
    expect(kept).toMatchObject({ status: 'rejected', payload: { kind: 'bug', title: 'PDF cut' } });
    expect(outbox.status().rejected).toBe(1);
    expect((await memory.team.listFeedback()).items).toHaveLength(1);
    expect((await memory.board.listIdeas('anna')).ideas).toEqual([]);
  });

  it('refuses an idea linked to another customer’s feedback item (400 naming itemId)', async () => {
    const backend = createMemoryBackend();
    const ben = start({ backend, customerId: 'ben' });
    ben.api().chooseKind('idea');
    ben.api().changeText('Ben’s own words');
    ben.api().submit();
    await ben.settled();
    const bens = (await backend.team.listFeedback()).items[0]?.id as string;
    const refused = backend.board.suggestIdea({
      id: 'idea-steal-01',
      customerId: 'anna',
      kind: 'idea',
      title: 'Not mine',
      body: '',
      itemId: bens,
      at: now().toISOString(),
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ problems: [{ path: 'itemId' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import {
  connectIdeaOffer,
  createIdeaOffer,
  selectOfferState,
} from '../../packages/engine/src/board/board.offer.connect';
import { createOutbox } from '../../packages/engine/src/outbox/outbox';
import { createMemoryOutboxStorage } from '../../packages/engine/src/outbox/outbox.storage';
import type { VoteWrite } from '../../packages/engine/src/records/records.schema';

// "Others asked for this too — add your vote?": the board's similar-ideas lookup run on a survey
// or launcher answer, and a vote recorded as coming from there.

let n = 0;
const newId = () => `offer${String(++n).padStart(8, '0')}`;
const at = '2026-06-01T09:00:00.000Z';

async function seeded() {
  const backend = createMemoryBackend();
  const suggest = (id: string, customerId: string, title: string) =>
    backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at });
  await suggest('idea-excel-01', 'anna', 'Export invoices to Excel');
  await suggest('idea-excel-02', 'carl', 'Excel export of reports');
  await suggest('idea-dark-001', 'dora', 'Dark mode');
  await suggest('idea-mine-001', 'ben', 'Invoices to Excel, please');
  return backend;
}

const settled = (offer: ReturnType<typeof createIdeaOffer>) =>
  waitFor(offer, (s) => !['finding', 'checking', 'voting'].includes(selectOfferState(s)));

describe('the idea offer after an answer', () => {
  it('offers matching public ideas (not the customer’s own), and one vote goes to the board as a survey vote', async () => {
    const backend = await seeded();
    const offer = createIdeaOffer({
      port: backend.board,
      customerId: 'ben',
      source: 'survey',
      segment: { plan: 'pro' },
      newId,
    });
    const api = () => connectIdeaOffer(offer.getSnapshot(), offer.send);
    api().find('I really need to export my invoices to Excel every month');
    await settled(offer);
    expect(api().state).toBe('offering');
    expect(api().visible).toBe(true);
    const offered = api().ideas.map((idea) => idea.id);
    expect(offered).toContain('idea-excel-01');
    expect(offered).not.toContain('idea-mine-001');
    expect(offered).not.toContain('idea-dark-001');
    api().vote('idea-excel-01');
    await settled(offer);
    expect(api()).toMatchObject({ state: 'voted', votedId: 'idea-excel-01' });
    expect(api().ideas.find((idea) => idea.id === 'idea-excel-01')).toMatchObject({
      voted: true,
      votes: 2,
    });
    const { votes } = (await backend.team.board?.getIdea('idea-excel-01')) ?? { votes: [] };
    expect(votes.find((vote) => vote.customerId === 'ben')).toMatchObject({
      source: 'survey',
      segment: { plan: 'pro' },
    });
  });

  it('offers nothing for a short answer, nothing alike, or ideas already voted for', async () => {
    const backend = await seeded();
    const short = createIdeaOffer({ port: backend.board, customerId: 'ben', source: 'survey' });
    short.send({ type: 'offer.find', text: 'Excel!' });
    expect(selectOfferState(short.getSnapshot())).toBe('empty');

    const unrelated = createIdeaOffer({
      port: backend.board,
      customerId: 'ben',
      source: 'launcher',
    });
    unrelated.send({ type: 'offer.find', text: 'The support team was lovely today' });
    expect(selectOfferState(await settled(unrelated))).toBe('empty');

    await backend.board.vote({
      id: 'vote-eve-0001',
      customerId: 'eve',
      ideaId: 'idea-dark-001',
      voted: true,
      source: 'board',
      at,
    });
    const voted = createIdeaOffer({ port: backend.board, customerId: 'eve', source: 'survey' });
    voted.send({ type: 'offer.find', text: 'Please give us a dark mode for the evenings' });
    expect(selectOfferState(await settled(voted))).toBe('empty');
  });

  it('is a help, never a step: a failed lookup offers nothing; a failed vote can be tried again', async () => {
    const backend = await seeded();
    const broken = createIdeaOffer({
      port: { ...backend.board, similarIdeas: () => Promise.reject(new Error('offline')) },
      customerId: 'ben',
      source: 'survey',
    });
    broken.send({ type: 'offer.find', text: 'Export invoices to Excel please' });
    expect(selectOfferState(await settled(broken))).toBe('empty');

    let fail = true;
    const flaky = createIdeaOffer({
      port: {
        similarIdeas: backend.board.similarIdeas,
        vote: (write) =>
          fail ? Promise.reject(new Error('Network down')) : backend.board.vote(write),
      },
      customerId: 'ben',
      source: 'survey',
    });
    const api = () => connectIdeaOffer(flaky.getSnapshot(), flaky.send);
    api().find('Export invoices to Excel please');
    await settled(flaky);
    api().vote('idea-unknown-1');
    expect(api().state).toBe('offering');
    api().vote('idea-excel-01');
    await settled(flaky);
    expect(api()).toMatchObject({ state: 'offering', error: 'Network down', votedId: undefined });
    fail = false;
    api().vote('idea-excel-01');
    await settled(flaky);
    expect(api().state).toBe('voted');
    api().dismiss();
    expect(api().state).toBe('voted');
  });

  it('sends the vote through the outbox, once, and can be dismissed', async () => {
    const backend = await seeded();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    const enqueued: VoteWrite[] = [];
    const offer = createIdeaOffer({
      port: backend.board,
      customerId: 'ben',
      source: 'launcher',
      outbox: {
        enqueue: (kind, payload) => {
          enqueued.push(payload);
          return outbox.enqueue(kind, payload);
        },
      },
      newId,
    });
    offer.send({ type: 'offer.find', text: 'Export invoices to Excel please' });
    await settled(offer);
    offer.send({ type: 'offer.vote', ideaId: 'idea-excel-01' });
    expect(selectOfferState(await settled(offer))).toBe('voted');
    await outbox.flush();
    await outbox.flush();
    expect(enqueued).toEqual([
      expect.objectContaining({ ideaId: 'idea-excel-01', source: 'launcher' }),
    ]);
    expect((await backend.board.getIdea('ben', 'idea-excel-01')).idea).toMatchObject({
      voted: true,
      votes: 2,
    });

    const declined = createIdeaOffer({ port: backend.board, customerId: 'dora', source: 'survey' });
    declined.send({ type: 'offer.find', text: 'Export invoices to Excel please' });
    await settled(declined);
    declined.send({ type: 'offer.dismiss' });
    expect(selectOfferState(declined.getSnapshot())).toBe('dismissed');
  });
});

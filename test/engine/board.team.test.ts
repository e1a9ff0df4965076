import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import {
  connectBoardTeam,
  createBoardTeam,
} from '../../packages/engine/src/board/board.team.connect';
import {
  selectTeamActionState,
  selectTeamDetailState,
  selectTeamListState,
} from '../../packages/engine/src/board/board.team.selectors';
import { defineBoard, nextStatuses } from '../../packages/engine/src/board/board.utils';
import { createDraftStore } from '../../packages/engine/src/drafts/drafts.store';
import { doraAsksForDarkMode } from '../fixtures/board';
import { MemoryStorage } from './drafts.helpers';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };
/** The changelog composer with nothing written and no publication tried. */
const emptyComposer = { id: undefined, title: '', body: '', items: '', ideaIds: [] };
let n = 0;
const newId = () => `id${String(++n).padStart(8, '0')}`;

async function seeded(moderation: 'publish' | 'approve' = 'approve') {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const board = defineBoard({ id: 'ideas', moderation });
  const backend = createMemoryBackend({
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    board,
  });
  const at = () => new Date(clock).toISOString();
  const suggest = (id: string, customerId: string, title: string) =>
    backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at: at() });
  await suggest('idea-csv-01', 'anna', 'Export invoices to CSV');
  await suggest('idea-csv-02', 'ben', 'CSV export of invoices');
  await suggest('idea-dark-01', 'carl', 'Dark mode');
  return { backend, board, at };
}

const settled = (actor: ReturnType<typeof createBoardTeam>) =>
  waitFor(
    actor,
    (s) =>
      selectTeamActionState(s) === 'idle' &&
      selectTeamListState(s) === 'ready' &&
      ['closed', 'open', 'failed'].includes(selectTeamDetailState(s)),
  );

describe('the team board machine', () => {
  it('given a board that approves first › the queue lists pending ideas, and approving publishes one', async () => {
    const { backend, board } = await seeded();
    const actor = createBoardTeam({
      port: backend.team.board,
      by: sofia,
      newId,
      input: { filters: { approval: ['pending'] } },
    });
    await settled(actor);
    let team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.ideas.map((idea) => idea.id).sort()).toEqual([
      'idea-csv-01',
      'idea-csv-02',
      'idea-dark-01',
    ]);
    team.approve('idea-csv-01');
    expect(selectTeamActionState(actor.getSnapshot())).toBe('working');
    await settled(actor);
    team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.done?.action).toEqual({
      type: 'moderate',
      ideaId: 'idea-csv-01',
      action: { type: 'approve' },
    });
    // The queue reloaded: the approved idea left it, and customers see it.
    expect(team.ideas.map((idea) => idea.id)).not.toContain('idea-csv-01');
    const page = await backend.board.listIdeas('dana');
    expect(page.ideas.map((idea) => idea.id)).toEqual(['idea-csv-01']);
    team.reject('idea-dark-01');
    await settled(actor);
    expect((await backend.team.board.getIdea('idea-dark-01')).idea.approval).toBe('hidden');
  });

  it('given the open idea closed › names its row, or once an action moved it out of the queue the row now in its place, the last, or none', async () => {
    const { backend, board } = await seeded();
    const actor = createBoardTeam({
      port: backend.team.board,
      by: sofia,
      newId,
      input: { filters: { approval: ['pending'], sort: 'newest' } },
    });
    const closed: unknown[] = [];
    actor.on('idea.closed', (event) => closed.push(event));
    await settled(actor);
    const team = () => connectBoardTeam(actor.getSnapshot(), actor.send, board);
    // Newest first: dark mode, then the two CSV ideas.
    expect(team().ideas.map((idea) => idea.id)).toEqual([
      'idea-dark-01',
      'idea-csv-02',
      'idea-csv-01',
    ]);
    /** Opens `id`, approves it when asked (it leaves the queue), and closes it. */
    const openClose = async (id: string, approve: boolean) => {
      team().select(id);
      await settled(actor);
      if (approve) {
        team().approve(id);
        await settled(actor);
        expect(team().ideas.map((idea) => idea.id)).not.toContain(id);
      }
      team().select(undefined);
      return closed.at(-1);
    };
    const closedOnto = (ideaId: string, focusId: string | undefined) => ({
      type: 'idea.closed',
      ideaId,
      focusId,
    });
    expect(await openClose('idea-csv-02', false)).toEqual(closedOnto('idea-csv-02', 'idea-csv-02'));
    // Approved from the second place: the row now second.
    expect(await openClose('idea-csv-02', true)).toEqual(closedOnto('idea-csv-02', 'idea-csv-01'));
    // Approved from the second place of two: the last row.
    expect(await openClose('idea-csv-01', true)).toEqual(closedOnto('idea-csv-01', 'idea-dark-01'));
    // The last one approved: the queue is empty.
    expect(await openClose('idea-dark-01', true)).toEqual(closedOnto('idea-dark-01', undefined));
    // Nothing open: nothing to say.
    team().select(undefined);
    expect(closed).toHaveLength(4);
    actor.stop();
  });

  it('given an open idea › offers only the statuses it may move to, and refuses nothing silently', async () => {
    const { backend, board } = await seeded('publish');
    const actor = createBoardTeam({ port: backend.team.board, by: sofia, newId });
    await settled(actor);
    let team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    team.select('idea-dark-01');
    await settled(actor);
    team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.detail?.idea.title).toBe('Dark mode');
    const offered = team.nextStatuses.map((next) => next.status.id);
    // Shipping comes only from a changelog entry.
    expect(offered).not.toContain('shipped');
    expect(offered).toContain('planned');
    expect(team.nextStatuses.find((next) => next.status.id === 'declined')?.needs).toBe('reason');
    team.setStatus('idea-dark-01', 'planned');
    await settled(actor);
    team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.detail?.idea.status).toBe('planned');
    const planned = team.detail?.idea;
    if (!planned) throw new Error('the idea is open');
    expect(nextStatuses(board, planned).map((next) => next.status.id)).not.toContain('planned');
    // A decline without a reason is refused by the backend, and said.
    team.setStatus('idea-dark-01', 'declined');
    await settled(actor);
    team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.failed?.message).toMatch(/reason/);
    expect(team.detail?.idea.status).toBe('planned');
  });

  it('given two duplicates › merge rolls the votes up once per customer, unmerge restores both', async () => {
    const { backend, board, at } = await seeded('publish');
    await backend.board.vote({
      id: 'vote-anna-csv2',
      customerId: 'anna',
      ideaId: 'idea-csv-02',
      voted: true,
      source: 'board',
      at: at(),
    });
    const actor = createBoardTeam({ port: backend.team.board, by: sofia, newId });
    await settled(actor);
    const team = () => connectBoardTeam(actor.getSnapshot(), actor.send, board);
    team().merge('idea-csv-02', 'idea-csv-01');
    await settled(actor);
    const votesOf = (id: string) => team().ideas.find((idea) => idea.id === id)?.votes;
    // Anna voted for both: she counts once.
    expect(votesOf('idea-csv-01')).toBe(2);
    expect(team().ideas.find((idea) => idea.id === 'idea-csv-02')?.mergedInto).toBe('idea-csv-01');
    team().unmerge('idea-csv-02');
    await settled(actor);
    expect(votesOf('idea-csv-01')).toBe(1);
    expect(votesOf('idea-csv-02')).toBe(2);
  });

  it('given a customer in a support chat › a vote on their behalf is recorded as such', async () => {
    const { backend, board } = await seeded('publish');
    const actor = createBoardTeam({ port: backend.team.board, by: sofia, newId });
    await settled(actor);
    connectBoardTeam(actor.getSnapshot(), actor.send, board).voteOnBehalf('idea-dark-01', ' erik ');
    await settled(actor);
    const { votes } = await backend.team.board.getIdea('idea-dark-01');
    expect(votes.find((vote) => vote.customerId === 'erik')).toMatchObject({
      source: 'onBehalf',
      by: { id: 'sofia' },
    });
  });

  it('given an official response › it is pinned for customers', async () => {
    const { backend, board } = await seeded('publish');
    const actor = createBoardTeam({ port: backend.team.board, by: sofia, newId });
    await settled(actor);
    connectBoardTeam(actor.getSnapshot(), actor.send, board).comment(
      'idea-dark-01',
      'We are looking into it.',
      true,
    );
    await settled(actor);
    const detail = await backend.board.getIdea('anna', 'idea-dark-01');
    expect(detail.official?.body).toBe('We are looking into it.');
  });

  it('given a changelog entry with ideas and feedback items › ships both, and only their people get a notice', async () => {
    const { backend, board, at } = await seeded('publish');
    await backend.board.vote({
      id: 'vote-ben-dark',
      customerId: 'ben',
      ideaId: 'idea-dark-01',
      voted: true,
      source: 'board',
      at: at(),
    });
    const item = await doraAsksForDarkMode(backend, at(), 'Please a dark theme, my eyes hurt');
    const actor = createBoardTeam({
      port: backend.team.board,
      by: sofia,
      newId,
      shipChange: backend.team.shipChange,
    });
    await settled(actor);
    connectBoardTeam(actor.getSnapshot(), actor.send, board).publishChangelog(
      {
        title: 'Dark mode is here',
        body: 'Settings › Appearance.',
        ideaIds: ['idea-dark-01'],
        itemIds: [item.id],
      },
      'change-dark',
    );
    await settled(actor);
    const team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.done?.result).toMatchObject({ kind: 'changelog', entry: { id: 'change-dark' } });
    expect(team.ideas.find((idea) => idea.id === 'idea-dark-01')?.status).toBe('shipped');
    const notices = async (customerId: string) =>
      (await backend.listImpact({ customerId })).map((notice) => notice.weDid);
    expect(await notices('carl')).toEqual(['Dark mode is here']);
    expect(await notices('ben')).toEqual(['Dark mode is here']);
    expect(await notices('dora')).toEqual(['Dark mode is here']);
    expect(await notices('anna')).toEqual([]);
  });

  it('given feedback items and no shipChange › refuses the entry before publishing anything', async () => {
    const { backend, board } = await seeded('publish');
    const actor = createBoardTeam({ port: backend.team.board, by: sofia, newId });
    await settled(actor);
    connectBoardTeam(actor.getSnapshot(), actor.send, board).publishChangelog({
      title: 'Dark mode',
      body: '',
      ideaIds: ['idea-dark-01'],
      itemIds: ['response-x-1'],
    });
    await settled(actor);
    expect(connectBoardTeam(actor.getSnapshot(), actor.send, board).failed?.message).toMatch(
      /shipChange/,
    );
    expect(await backend.team.board.listChangelog()).toEqual([]);
  });

  describe('drafts', () => {
    /** A team board on the published seed whose port fails the next comment when told to. */
    async function drafting(options: { drafts?: ReturnType<typeof createDraftStore> } = {}) {
      const seed = await seeded('publish');
      let failNext = false;
      const port = {
        ...seed.backend.team.board,
        comment: (...args: Parameters<typeof seed.backend.team.board.comment>) => {
          if (!failNext) return seed.backend.team.board.comment(...args);
          failNext = false;
          return Promise.reject(new Error('The network is down.'));
        },
      };
      const actor = createBoardTeam({ port, by: sofia, newId, ...options });
      await settled(actor);
      const team = () => connectBoardTeam(actor.getSnapshot(), actor.send, seed.board);
      const open = async (id: string) => {
        team().select(id);
        await settled(actor);
      };
      return { ...seed, actor, team, open, failNextComment: () => (failNext = true) };
    }

    it('given text typed in one idea › another idea opens with its own fields, and the first gets its text back', async () => {
      const { actor, team, open } = await drafting();
      await open('idea-dark-01');
      expect(team().drafts).toMatchObject({ title: 'Dark mode', comment: '', official: '' });
      const firstMove = team().nextStatuses[0]?.status.id;
      expect(team().drafts.status).toBe(firstMove);
      team().setDraft('official', 'We are on it.');
      team().setDraft('comment', 'Asked design for a palette.');
      team().setDraft('status', 'declined');
      team().setDraft('reason', 'Not this year.');
      await open('idea-csv-01');
      // Nothing of dark mode's shows in another idea's fields.
      expect(team().drafts).toEqual({
        title: 'Export invoices to CSV',
        category: '',
        status: firstMove,
        reason: '',
        into: '',
        customer: '',
        official: '',
        comment: '',
      });
      expect(team().restoredDrafts).toEqual([]);
      expect(team().draftIdeaIds).toEqual(['idea-dark-01']);
      team().setDraft('customer', 'erik');
      // Closed, then opened again: its text and choices are back, and said to be.
      team().select(undefined);
      expect(team().draftIdeaIds.sort()).toEqual(['idea-csv-01', 'idea-dark-01']);
      await open('idea-dark-01');
      expect(team().drafts).toMatchObject({
        official: 'We are on it.',
        comment: 'Asked design for a palette.',
        status: 'declined',
        reason: 'Not this year.',
      });
      expect(team().restoredDrafts).toEqual(['status', 'reason', 'official', 'comment']);
      expect(team().draftIdeaIds).toEqual(['idea-csv-01']);
      // Typing nothing into a field that came back leaves nothing kept when leaving.
      team().setDraft('customer', '  ');
      await open('idea-csv-01');
      expect(team().drafts.customer).toBe('erik');
      actor.stop();
    });

    it('given a comment sent › its field clears once it is posted, a failed post keeps it, and text typed on while it was sent stays', async () => {
      const { actor, team, open, failNextComment } = await drafting();
      await open('idea-dark-01');
      team().setDraft('official', 'Planned for June.');
      team().setDraft('comment', 'Design asked.');
      failNextComment();
      team().comment('idea-dark-01', team().drafts.comment);
      await settled(actor);
      expect(team().failed?.message).toBe('The network is down.');
      expect(team().drafts.comment).toBe('Design asked.');
      team().comment('idea-dark-01', team().drafts.comment);
      await settled(actor);
      expect(team().detail?.comments.map((comment) => comment.body)).toEqual(['Design asked.']);
      // Only the comment's field: the official response is another form.
      expect(team().drafts).toMatchObject({ comment: '', official: 'Planned for June.' });
      // Typed on while the post was on its way: the new text is not what was sent, so it stays.
      team().comment('idea-dark-01', team().drafts.official, true);
      team().setDraft('official', 'Planned for June. Beta in May.');
      await settled(actor);
      expect(team().detail?.comments.some((comment) => comment.official)).toBe(true);
      expect(team().drafts.official).toBe('Planned for June. Beta in May.');
      // Sent from another idea's panel: cleared where it is kept.
      team().setDraft('customer', 'erik');
      team().voteOnBehalf('idea-dark-01', 'erik');
      await open('idea-csv-01');
      await settled(actor);
      expect(team().draftIdeaIds).toEqual(['idea-dark-01']);
      await open('idea-dark-01');
      expect(team().drafts.customer).toBe('');
      expect(team().drafts.official).toBe('Planned for June. Beta in May.');
      actor.stop();
    });

    it('given a status chosen › it shows while the idea may move there, and the first allowed move once it may not', async () => {
      const { actor, team, open } = await drafting();
      await open('idea-dark-01');
      team().setDraft('status', 'planned');
      team().setStatus('idea-dark-01', team().drafts.status);
      await settled(actor);
      expect(team().detail?.idea.status).toBe('planned');
      const offered = team().nextStatuses.map((next) => next.status.id);
      expect(offered).not.toContain('planned');
      expect(team().drafts.status).toBe(offered[0]);
      // A move the workflow does not offer is never shown as chosen.
      team().setDraft('status', 'shipped');
      expect(team().drafts.status).toBe(offered[0]);
      actor.stop();
    });

    it('given a draft store › a team board started later gives the text back, and what was posted leaves the store', async () => {
      const drafts = createDraftStore();
      const first = await drafting({ drafts });
      await first.open('idea-dark-01');
      first.team().setDraft('official', 'We are on it.');
      first.team().setDraft('comment', 'Asked design.');
      first.team().setDraft('status', 'declined');
      first.actor.stop();
      expect(Object.keys(drafts.read('boardOfficial', 'sofia'))).toEqual(['idea-dark-01']);
      // Another member's board starts empty.
      const other = createBoardTeam({
        port: first.backend.team.board,
        by: { kind: 'team', id: 'otto' },
        drafts,
      });
      expect(connectBoardTeam(other.getSnapshot(), other.send).draftIdeaIds).toEqual([]);
      other.stop();
      const { actor, team, open } = await drafting({ drafts });
      expect(team().draftIdeaIds).toEqual(['idea-dark-01']);
      await open('idea-dark-01');
      // The text comes back; a choice is not text and lives only as long as its board.
      expect(team().drafts).toMatchObject({
        official: 'We are on it.',
        comment: 'Asked design.',
      });
      expect(team().drafts.status).not.toBe('declined');
      team().comment('idea-dark-01', team().drafts.official, true);
      await settled(actor);
      expect(drafts.read('boardOfficial', 'sofia')).toEqual({});
      expect(Object.keys(drafts.read('boardComment', 'sofia'))).toEqual(['idea-dark-01']);
      actor.stop();
    });

    it('given a changelog entry whose items failed to ship › trying again publishes the same entry once, and what was written stays until it is', async () => {
      const { backend, board, at } = await seeded('publish');
      const item = await doraAsksForDarkMode(backend, at());
      let failShip = true;
      const drafts = createDraftStore();
      const actor = createBoardTeam({
        port: backend.team.board,
        by: sofia,
        drafts,
        shipChange: (change, by) => {
          if (!failShip) return backend.team.shipChange(change, by);
          failShip = false;
          return Promise.reject(new Error('The inbox is not reachable.'));
        },
      });
      await settled(actor);
      const team = () => connectBoardTeam(actor.getSnapshot(), actor.send, board);
      team().setChangelog({ title: 'Dark mode is here', body: 'Settings.', items: item.id });
      team().setChangelog({ ideaIds: ['idea-dark-01'] });
      expect(team().changelog).toMatchObject({ title: 'Dark mode is here', id: undefined });
      const publish = () => {
        const { title, body, ideaIds, items } = team().changelog;
        team().publishChangelog({ title, body, ideaIds, itemIds: [items] });
      };
      publish();
      await settled(actor);
      expect(team().failed?.message).toBe('The inbox is not reachable.');
      // The entry was stored before its items failed to ship: what was written stays, with its id.
      expect(await backend.team.board.listChangelog()).toHaveLength(1);
      const tried = team().changelog.id;
      expect(tried).toMatch(/^change-/);
      expect(team().changelog.title).toBe('Dark mode is here');
      // Stored, its items not shipped: the composer knows the entry's text is published.
      expect(team().changelog.storedTitle).toBe('Dark mode is here');
      expect(drafts.read('changelogTitle', 'sofia').new?.text).toBe('Dark mode is here');
      publish();
      await settled(actor);
      expect(team().done?.result).toMatchObject({ kind: 'changelog', entry: { id: tried } });
      expect((await backend.team.board.listChangelog()).map((entry) => entry.id)).toEqual([tried]);
      expect((await backend.listImpact({ customerId: 'dora' })).map((n) => n.weDid)).toEqual([
        'Dark mode is here',
      ]);
      // Published: the composer is empty again, here and in the store; the next entry is another.
      expect(team().changelog).toEqual(emptyComposer);
      expect(drafts.read('changelogTitle', 'sofia')).toEqual({});
      actor.stop();
    });

    it('given an entry published whose items cannot ship › clearing the composer sets it aside here and in the store', async () => {
      const { backend } = await seeded('publish');
      await backend.team.board.setStatus('idea-dark-01', { status: 'planned' }, sofia);
      const drafts = createDraftStore();
      const actor = createBoardTeam({
        port: backend.team.board,
        by: sofia,
        drafts,
        shipChange: () => Promise.reject(new Error('already shipped')),
      });
      await settled(actor);
      const team = () => connectBoardTeam(actor.getSnapshot(), actor.send);
      team().setChangelog({ title: 'Dark mode is here', ideaIds: ['idea-dark-01'] });
      team().publishChangelog({
        title: 'Dark mode is here',
        body: '',
        ideaIds: ['idea-dark-01'],
        itemIds: ['fb-shipped-0001'],
      });
      // Not while the publication is on its way.
      team().clearChangelog();
      expect(team().changelog.title).toBe('Dark mode is here');
      await settled(actor);
      expect(team().changelog).toMatchObject({ storedTitle: 'Dark mode is here' });
      expect(drafts.read('changelogId', 'sofia').new?.text).toBe(team().changelog.id);
      // The entry shipped its idea: the list says so without waiting for a reload.
      expect(team().ideas.find((idea) => idea.id === 'idea-dark-01')?.status).toBe('shipped');
      // A board started later knows the entry is published, too.
      const later = createBoardTeam({ port: backend.team.board, by: sofia, drafts });
      expect(connectBoardTeam(later.getSnapshot(), later.send).changelog).toMatchObject({
        id: team().changelog.id,
        storedTitle: 'Dark mode is here',
      });
      later.stop();
      team().clearChangelog();
      expect(team().changelog).toEqual(emptyComposer);
      expect(drafts.read('changelogTitle', 'sofia')).toEqual({});
      expect(drafts.read('changelogId', 'sofia')).toEqual({});
      expect(drafts.read('changelogStored', 'sofia')).toEqual({});
      expect(await backend.team.board.listChangelog()).toHaveLength(1);
      actor.stop();
    });

    it('given a changelog entry written and the board left › a board started later has its text back', async () => {
      const { backend } = await seeded('publish');
      const drafts = createDraftStore();
      const first = createBoardTeam({ port: backend.team.board, by: sofia, drafts });
      await settled(first);
      connectBoardTeam(first.getSnapshot(), first.send).setChangelog({
        title: 'CSV export',
        body: 'From the invoice list.',
      });
      first.stop();
      const again = createBoardTeam({ port: backend.team.board, by: sofia, drafts });
      expect(connectBoardTeam(again.getSnapshot(), again.send).changelog).toMatchObject({
        title: 'CSV export',
        body: 'From the invoice list.',
        items: '',
      });
      again.stop();
    });

    it('given a comment whose answer was lost on the way back › posting it again is the same comment, not a second one', async () => {
      const { backend, board } = await seeded('publish');
      let lose = true;
      const port = {
        ...backend.team.board,
        comment: async (...args: Parameters<typeof backend.team.board.comment>) => {
          const comment = await backend.team.board.comment(...args);
          if (lose) {
            lose = false;
            throw new Error('The connection was reset.');
          }
          return comment;
        },
      };
      const actor = createBoardTeam({ port, by: sofia, newId });
      await settled(actor);
      const team = () => connectBoardTeam(actor.getSnapshot(), actor.send, board);
      team().select('idea-dark-01');
      await settled(actor);
      team().setDraft('official', 'Planned for June.');
      team().comment('idea-dark-01', team().drafts.official, true);
      await settled(actor);
      expect(team().failed?.message).toBe('The connection was reset.');
      expect(team().drafts.official).toBe('Planned for June.');
      team().comment('idea-dark-01', team().drafts.official, true);
      await settled(actor);
      expect(team().failed).toBeUndefined();
      const { comments } = await backend.team.board.getIdea('idea-dark-01');
      expect(comments.map((comment) => comment.body)).toEqual(['Planned for June.']);
      actor.stop();
    });

    it('given a comment or a changelog entry whose answer was lost, and the page reloaded › sent again from what was kept, each is one record', async () => {
      const { backend, board } = await seeded('publish');
      const storage = new MemoryStorage();
      let lose = 0;
      const lost = <T>(write: Promise<T>) =>
        write.then((done) => {
          if (lose === 0) return done;
          lose--;
          throw new Error('The connection was reset.');
        });
      const port = {
        ...backend.team.board,
        comment: (...args: Parameters<typeof backend.team.board.comment>) =>
          lost(backend.team.board.comment(...args)),
        publishChangelog: (...args: Parameters<typeof backend.team.board.publishChangelog>) =>
          lost(backend.team.board.publishChangelog(...args)),
      };
      // Each page load: a new draft store over the same storage and a new board.
      const load = async () => {
        const actor = createBoardTeam({
          port,
          by: sofia,
          newId,
          drafts: createDraftStore({ storage }),
        });
        await settled(actor);
        return { actor, team: () => connectBoardTeam(actor.getSnapshot(), actor.send, board) };
      };
      lose = 2;
      const first = await load();
      first.team().select('idea-dark-01');
      await settled(first.actor);
      first.team().setDraft('comment', 'Thanks, noted.');
      first.team().comment('idea-dark-01', first.team().drafts.comment);
      await settled(first.actor);
      expect(first.team().failed?.message).toBe('The connection was reset.');
      first.team().setChangelog({ title: 'Dark mode is here', ideaIds: ['idea-dark-01'] });
      first.team().publishChangelog({ title: 'Dark mode is here', body: '', ideaIds: [] });
      await settled(first.actor);
      expect(first.team().failed?.message).toBe('The connection was reset.');
      const tried = first.team().changelog.id;
      first.actor.stop();

      const second = await load();
      expect(second.team().changelog).toMatchObject({ id: tried, title: 'Dark mode is here' });
      second.team().select('idea-dark-01');
      await settled(second.actor);
      expect(second.team().drafts.comment).toBe('Thanks, noted.');
      second.team().comment('idea-dark-01', second.team().drafts.comment);
      await settled(second.actor);
      second.team().publishChangelog({ title: 'Dark mode is here', body: '', ideaIds: [] });
      await settled(second.actor);
      expect(second.team().failed).toBeUndefined();
      const { comments } = await backend.team.board.getIdea('idea-dark-01');
      expect(comments.map((comment) => comment.body)).toEqual(['Thanks, noted.']);
      expect((await backend.team.board.listChangelog()).map((entry) => entry.id)).toEqual([tried]);
      second.actor.stop();
      // Published: nothing of it is kept, and the next entry is another.
      const third = await load();
      expect(third.team().changelog).toEqual(emptyComposer);
      third.actor.stop();
    });
  });
});

import {
  type Actor,
  applyFeedbackEvent,
  FEEDBACK_STATUSES,
  type FeedbackEvent,
  type FeedbackItem,
  feedbackItemFromResponse,
  LifecycleError,
  type LifecycleErrorCode,
  teamMovesFrom,
} from '@palaute/engine';

const at = '2026-11-23T10:00:00.000Z';
const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };
const customer: Actor = { kind: 'customer', id: 'c-1' };

const item = (overrides: Partial<FeedbackItem> = {}): FeedbackItem => ({
  id: 'response-0001',
  customerId: 'c-1',
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: { nps: 3, why: 'Exports are slow' },
  text: 'Exports are slow',
  consentToContact: true,
  status: 'new',
  history: [{ from: null, to: 'new', at, by: { kind: 'system', id: 'palaute' } }],
  replies: [],
  createdAt: at,
  ...overrides,
});

describe('the feedback lifecycle', () => {
  it('walks new → triaged → planned → inProgress → shipped, each step stamped with who and when', () => {
    let current = item();
    current = applyFeedbackEvent(current, { type: 'feedback.triage', by: anna, at });
    current = applyFeedbackEvent(current, { type: 'feedback.plan', by: anna, at, reason: 'Q1' });
    current = applyFeedbackEvent(current, { type: 'feedback.start', by: anna, at });
    current = applyFeedbackEvent(current, {
      type: 'feedback.ship',
      by: anna,
      at,
      changeId: 'fast-exports',
    });
    expect(current.status).toBe('shipped');
    expect(current.changeId).toBe('fast-exports');
    expect(current.history.map((step) => `${step.from}→${step.to}`)).toEqual([
      'null→new',
      'new→triaged',
      'triaged→planned',
      'planned→inProgress',
      'inProgress→shipped',
    ]);
    expect(current.history[2]).toMatchObject({ by: anna, reason: 'Q1' });
  });

  it('refuses a decline without a reason, and a ship without a change, saying why', () => {
    expect(() =>
      applyFeedbackEvent(item(), { type: 'feedback.decline', by: anna, at, reason: '  ' }),
    ).toThrow('Cannot decline: a decline needs a reason the customer can read.');
    const planned = applyFeedbackEvent(item(), { type: 'feedback.plan', by: anna, at });
    expect(() =>
      applyFeedbackEvent(planned, { type: 'feedback.ship', by: anna, at, changeId: '' }),
    ).toThrow(LifecycleError);
    const declined = applyFeedbackEvent(item(), {
      type: 'feedback.decline',
      by: anna,
      at,
      reason: 'No',
    });
    expect(() =>
      applyFeedbackEvent(declined, { type: 'feedback.ship', by: anna, at, changeId: 'x' }),
    ).toThrow('Cannot ship feedback that is declined.');
  });

  it('lets the team reply only where the customer consented, and the customer answer back only after', () => {
    expect(() =>
      applyFeedbackEvent(item({ consentToContact: false }), {
        type: 'reply.team',
        by: anna,
        at,
        reply: { id: 'reply-0001', body: 'Thanks!' },
      }),
    ).toThrow('the customer did not consent to be contacted about it');
    expect(() =>
      applyFeedbackEvent(item(), {
        type: 'reply.customer',
        by: customer,
        at,
        reply: { id: 'reply-0002', body: 'Hi' },
      }),
    ).toThrow(LifecycleError);
    let current = applyFeedbackEvent(item(), {
      type: 'reply.team',
      by: anna,
      at,
      reply: { id: 'reply-0001', body: 'Which export?' },
    });
    current = applyFeedbackEvent(current, {
      type: 'reply.customer',
      by: customer,
      at,
      reply: { id: 'reply-0002', body: 'The Excel one' },
    });
    // Delivered twice: still one message.
    current = applyFeedbackEvent(current, {
      type: 'reply.customer',
      by: customer,
      at,
      reply: { id: 'reply-0002', body: 'The Excel one' },
    });
    expect(current.replies.map((reply) => reply.body)).toEqual(['Which export?', 'The Excel one']);
    current = applyFeedbackEvent(current, { type: 'reply.read', by: customer, at });
    expect(current.replies.map((reply) => reply.readAt)).toEqual([at, undefined]);
    expect(() =>
      applyFeedbackEvent(current, {
        type: 'reply.customer',
        by: { kind: 'customer', id: 'c-2' },
        at,
        reply: { id: 'reply-0003', body: 'Me too' },
      }),
    ).toThrow(LifecycleError);
  });

  it('given a new item › a team reply triages it (replying is handling), stamped in the history like a move', () => {
    const later = '2026-11-23T12:00:00.000Z';
    const replied = applyFeedbackEvent(item(), {
      type: 'reply.team',
      by: anna,
      at: later,
      reply: { id: 'reply-0001', body: 'Which export?' },
    });
    expect(replied.status).toBe('triaged');
    expect(replied.history.at(-1)).toEqual({ from: 'new', to: 'triaged', at: later, by: anna });
    expect(replied.replies.map((reply) => reply.body)).toEqual(['Which export?']);
    // Delivered twice: one message, and the status stays.
    expect(
      applyFeedbackEvent(replied, {
        type: 'reply.team',
        by: anna,
        at: later,
        reply: { id: 'reply-0001', body: 'Which export?' },
      }),
    ).toEqual(replied);
  });

  it('given an item past "new" › a team reply leaves its status and history as they are', () => {
    for (const status of [
      'triaged',
      'planned',
      'inProgress',
      'shipped',
      'declined',
      'answered',
    ] as const) {
      const before = item({
        status,
        history: [...item().history, { from: 'new', to: status, at, by: anna }],
      });
      const replied = applyFeedbackEvent(before, {
        type: 'reply.team',
        by: anna,
        at,
        reply: { id: 'reply-0001', body: 'Thanks!' },
      });
      expect(replied.status, status).toBe(status);
      expect(replied.history, status).toEqual(before.history);
      expect(replied.replies, status).toHaveLength(1);
    }
  });

  it('closes as answered only after a team reply; declined and answered reopen, shipped does not', () => {
    expect(() => applyFeedbackEvent(item(), { type: 'feedback.answer', by: anna, at })).toThrow(
      'only after the team has replied',
    );
    const declined = applyFeedbackEvent(item(), {
      type: 'feedback.decline',
      by: anna,
      at,
      reason: 'We are focusing on invoicing this year.',
    });
    expect(declined.history.at(-1)?.reason).toBe('We are focusing on invoicing this year.');
    expect(applyFeedbackEvent(declined, { type: 'feedback.reopen', by: anna, at }).status).toBe(
      'triaged',
    );
    const shipped = item({ status: 'shipped', changeId: 'x' });
    expect(() => applyFeedbackEvent(shipped, { type: 'feedback.reopen', by: anna, at })).toThrow(
      'Cannot reopen feedback that is shipped.',
    );
  });

  it('names the rule that refused a move with a stable code', () => {
    const codeOf = (
      current: FeedbackItem,
      event: FeedbackEvent,
    ): LifecycleErrorCode | undefined => {
      try {
        applyFeedbackEvent(current, event);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(LifecycleError);
        return (error as LifecycleError).code;
      }
    };
    const reply = { id: 'reply-0001', body: 'Hi' };
    expect(codeOf(item(), { type: 'feedback.decline', by: anna, at, reason: ' ' })).toBe(
      'reasonRequired',
    );
    expect(codeOf(item(), { type: 'feedback.ship', by: anna, at, changeId: '' })).toBe(
      'changeRequired',
    );
    expect(codeOf(item(), { type: 'feedback.answer', by: anna, at })).toBe('teamReplyRequired');
    expect(
      codeOf(item({ consentToContact: false }), { type: 'reply.team', by: anna, at, reply }),
    ).toBe('noConsent');
    expect(codeOf(item(), { type: 'reply.customer', by: customer, at, reply })).toBe(
      'threadClosed',
    );
    expect(codeOf(item({ status: 'shipped' }), { type: 'feedback.reopen', by: anna, at })).toBe(
      'notFromStatus',
    );
  });

  it('lists the team’s moves from every status exactly as the lifecycle accepts them', () => {
    const teamReply = {
      id: 'reply-team-01',
      author: anna,
      body: 'Which export?',
      at,
    };
    const moveTypes = [
      'feedback.triage',
      'feedback.plan',
      'feedback.start',
      'feedback.ship',
      'feedback.decline',
      'feedback.answer',
      'feedback.reopen',
    ] as const;
    for (const status of FEEDBACK_STATUSES)
      for (const replies of [[], [teamReply]])
        for (const consentToContact of [true, false]) {
          const current = item({ status, replies, consentToContact });
          const moves = teamMovesFrom(current);
          for (const type of moveTypes) {
            const move = moves.find((candidate) => candidate.type === type);
            const event = {
              type,
              by: anna,
              at,
              ...(move?.needs === 'reason' ? { reason: 'Not this year.' } : {}),
              ...(move?.needs === 'changeId' ? { changeId: 'fast-exports' } : {}),
            } as FeedbackEvent;
            const label = `${type} from ${status} (${replies.length} team replies)`;
            if (!move) {
              expect(() => applyFeedbackEvent(current, event), label).toThrow(LifecycleError);
              continue;
            }
            if (move.blockedBy) {
              expect(() => applyFeedbackEvent(current, event), label).toThrow(
                expect.objectContaining({ code: move.blockedBy }),
              );
              continue;
            }
            expect(applyFeedbackEvent(current, event).status, label).toBe(move.to);
            // What a move needs is needed: without it, the lifecycle refuses.
            if (move.needs)
              expect(() =>
                applyFeedbackEvent(current, { type, by: anna, at } as FeedbackEvent),
              ).toThrow(LifecycleError);
          }
        }
    expect(teamMovesFrom(item())).toEqual([
      { type: 'feedback.triage', to: 'triaged', needs: undefined, blockedBy: undefined },
      { type: 'feedback.plan', to: 'planned', needs: undefined, blockedBy: undefined },
      { type: 'feedback.start', to: 'inProgress', needs: undefined, blockedBy: undefined },
      { type: 'feedback.ship', to: 'shipped', needs: 'changeId', blockedBy: undefined },
      { type: 'feedback.decline', to: 'declined', needs: 'reason', blockedBy: undefined },
      { type: 'feedback.answer', to: 'answered', needs: undefined, blockedBy: 'teamReplyRequired' },
    ]);
    expect(teamMovesFrom(item({ status: 'shipped' }))).toEqual([]);
    expect(teamMovesFrom(item({ status: 'declined' })).map((move) => move.to)).toEqual(['triaged']);
  });

  it('makes an item from every response: a bare score too (without text), and one with words or consent', () => {
    const base = {
      id: 'response-0001',
      surveyId: 'nps',
      surveyVersion: 1,
      touchpointId: 'dashboard',
      customerId: 'c-1',
      locale: 'en',
      startedAt: at,
      submittedAt: at,
      followUps: [],
    };
    const bare = feedbackItemFromResponse({ ...base, answers: { nps: 9 } });
    expect(bare).toMatchObject({ status: 'new', answers: { nps: 9 } });
    expect(bare?.text).toBeUndefined();
    const made = feedbackItemFromResponse({
      ...base,
      answers: { nps: 3, contact: true, reason: { selected: ['other'], other: 'Too pricey' } },
      sentiment: 'negative',
      segment: { plan: 'pro', seats: 12 },
      followUps: [
        {
          responseId: base.id,
          followUpId: 'f',
          questionId: 'fix',
          answer: 'Exports',
          answeredAt: at,
        },
      ],
    });
    expect(made).toMatchObject({
      status: 'new',
      consentToContact: true,
      text: 'Too pricey\n\nExports',
      sentiment: 'negative',
      answers: { nps: 3, contact: true, fix: 'Exports' },
      segment: { plan: 'pro', seats: 12 },
    });
  });
});

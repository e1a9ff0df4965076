import {
  createMemoryBackend,
  type ImpactNotice,
  localize,
  type MemoryBackend,
  type Survey,
} from '@palaute/engine';
import {
  builtInMessages,
  en,
  FeedbackDialog,
  fi,
  PalauteProvider,
  resolveMessages,
} from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { npsSurvey } from '../fixtures/surveys';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

const impact: ImpactNotice = {
  id: 'faster-exports',
  youSaid: 'Exports were slow',
  weDid: 'Exports are now ten times faster',
  shippedAt: '2026-10-01T09:00:00.000Z',
};

const nps = npsSurvey.questions.find((question) => question.type === 'nps');
const followUp = npsSurvey.followUps?.[0];
const title = (survey: Survey) => localize(survey.title, 'en');

function setup({
  backend = createMemoryBackend(),
  locale = 'en',
  outbox,
}: {
  backend?: MemoryBackend;
  locale?: string;
  outbox?: false;
} = {}) {
  const user = userEvent.setup();
  const onClose = vi.fn();
  const utils = render(
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      customer={{ id: 'c-1' }}
      locale={locale}
      outbox={outbox}
    >
      <main>
        <FeedbackDialog
          survey={npsSurvey}
          onClose={onClose}
          trigger={<button type="button">Give feedback</button>}
        />
      </main>
    </PalauteProvider>,
  );
  return { user, backend, onClose, ...utils };
}

/** The flow's live region (the delivery note is a second, polite one). */
const announcer = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByRole('status')
    .find((region) => region.getAttribute('data-part') === 'announcer');

async function openByKeyboard(user: ReturnType<typeof userEvent.setup>) {
  const trigger = await tabTo(user, named('Give feedback'));
  await user.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog', { name: title(npsSurvey) });
  return { trigger, dialog };
}

describe('FeedbackDialog', () => {
  it('given the trigger › when opened by keyboard › is a titled modal dialog with focus on the first scale point', async () => {
    const { user, backend } = setup();
    const { dialog } = await openByKeyboard(user);
    expect(dialog).toHaveAttribute('data-step', 'asking');
    // Radix's meaning stays: `data-[state=open]` selectors match the open dialog, whatever its step.
    expect(dialog).toHaveAttribute('data-state', 'open');
    const group = within(dialog).getByRole('radiogroup');
    expect(group).toHaveAccessibleName(localize(nps?.title ?? '', 'en'));
    expect(document.activeElement).toBe(within(dialog).getAllByRole('radio')[0]);
    // The display goes through the outbox, whose code loads on first use.
    await waitFor(() => expect(backend.displays()).toHaveLength(1));
    expect(await axeViolations(dialog)).toEqual([]);
  });

  it('given a detractor › when the whole flow is done by keyboard alone › the answers, follow-up and impact all land and focus returns to the trigger', async () => {
    const backend = createMemoryBackend({ impact: { 'c-1': [impact] } });
    const { user, onClose } = setup({ backend });
    const { trigger, dialog } = await openByKeyboard(user);

    // NPS: arrows move focus and select, as the APG radio group does.
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(within(dialog).getByRole('radio', { checked: true })).toHaveAccessibleName(/^3/);
    await tabTo(user, named(/^(Next|Send)$/));
    await user.keyboard('{Enter}');

    // Any further questions on the detractor's route: answer text ones, leave the rest.
    for (let i = 0; i < 5 && dialog.getAttribute('data-step') === 'asking'; i++) {
      const field = document.activeElement;
      if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)
        await user.keyboard('Too slow');
      await tabTo(user, named(/^(Next|Send)$/));
      await user.keyboard('{Enter}');
    }

    const ack = await within(dialog).findByRole('heading', { level: 3 });
    expect(dialog).toHaveAttribute('data-step', 'acknowledging');
    expect(ack.closest('[data-segment]')).toHaveAttribute('data-segment', 'detractor');
    expect(announcer(dialog)).toHaveTextContent(ack.textContent ?? '');
    expect(await axeViolations(dialog)).toEqual([]);
    await tabTo(user, named('Continue'));
    await user.keyboard('{Enter}');

    // The follow-up chosen for detractors.
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'followingUp'));
    await user.keyboard('Faster exports');
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');

    await within(dialog).findByRole('heading', { name: 'You said, we did' });
    expect(within(dialog).getByText('Exports are now ten times faster')).toBeInTheDocument();
    await tabTo(user, named('Done'));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.activeElement).toBe(trigger);
    expect(onClose).toHaveBeenCalledWith('done');
    // Delivered from the outbox, in the order given: the follow-up joins its response.
    await waitFor(() => expect(backend.responses()[0]?.followUps).toHaveLength(1));
    const [response] = backend.responses();
    expect(response?.answers[nps?.id ?? '']).toBe(3);
    expect(response?.acknowledgementId).toBeDefined();
    expect(response?.followUps).toEqual([
      expect.objectContaining({ followUpId: followUp?.id, answer: 'Faster exports' }),
    ]);
  });

  it('given an unanswered required question › when Send is pressed › the error is tied to the scale, announced, and focus returns to the scale', async () => {
    const { user } = setup();
    const { dialog } = await openByKeyboard(user);
    await tabTo(user, named(/^(Next|Send)$/));
    await user.keyboard('{Enter}');
    const group = within(dialog).getByRole('radiogroup');
    await waitFor(() => expect(group).toHaveAttribute('aria-invalid', 'true'));
    expect(group).toHaveAccessibleDescription(/Please answer this question\./);
    expect(announcer(dialog)).toHaveTextContent('Error: Please answer this question.');
    expect(group.contains(document.activeElement)).toBe(true);
  });

  it('given an open dialog › when Escape is pressed › it closes, records a dismissal, and focus returns to the trigger', async () => {
    const { user, backend, onClose } = setup();
    const { trigger } = await openByKeyboard(user);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.activeElement).toBe(trigger);
    expect(onClose).toHaveBeenCalledWith('dismissed');
    await waitFor(() =>
      expect(backend.dismissals()).toEqual([
        expect.objectContaining({
          reason: 'dismiss',
          step: 'asking',
          submitted: false,
          questionId: nps?.id,
        }),
      ]),
    );
  });

  it('given an open dialog › when "Not now" is chosen › it closes and records a postponement', async () => {
    const { user, backend, onClose } = setup();
    await openByKeyboard(user);
    await tabTo(user, named('Not now'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onClose).toHaveBeenCalledWith('postponed');
    await waitFor(() => expect(backend.dismissals()[0]).toMatchObject({ reason: 'notNow' }));
  });

  it('given no outbox and a failing backend › when the answers are sent › they are kept, the failure is announced, and a retry sends them once', async () => {
    let failures = 1;
    const backend = createMemoryBackend({
      failWith: (operation) =>
        operation === 'submitResponse' && failures-- > 0
          ? new Error('Network request failed')
          : undefined,
    });
    const { user } = setup({ backend, outbox: false });
    const { dialog } = await openByKeyboard(user);
    await user.keyboard('{End}');
    await tabTo(user, named(/^(Next|Send)$/));
    await user.keyboard('{Enter}');
    for (let i = 0; i < 5 && dialog.getAttribute('data-step') === 'asking'; i++) {
      await tabTo(user, named(/^(Next|Send)$/));
      await user.keyboard('{Enter}');
    }
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Network request failed');
    expect(document.activeElement).toHaveTextContent('Try again');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'acknowledging'));
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    expect(backend.responses()[0]?.answers[nps?.id ?? '']).toBe(10);
  });

  it('given the Finnish locale › shows Finnish UI strings and survey texts', async () => {
    const { user } = setup({ locale: 'fi' });
    const trigger = await tabTo(user, named('Give feedback'));
    trigger.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Ei nyt' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Sulje' })).toBeInTheDocument();
    expect(dialog).toHaveAttribute('lang', 'fi');
  });

  it('given a locale whose catalogue the host did not register › shows English UI strings', async () => {
    const user = userEvent.setup();
    render(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} locale="fi-FI">
        <FeedbackDialog survey={npsSurvey} trigger={<button type="button">Give feedback</button>} />
      </PalauteProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Give feedback' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Not now' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Ei nyt' })).not.toBeInTheDocument();
  });
});

describe('resolveMessages', () => {
  it('given registered catalogues › prefers the full locale, then the language, then English', () => {
    const fiFi = { ...fi, close: 'Sulje ikkuna' };
    expect(resolveMessages('fi-FI', undefined, { fi }).close).toBe('Sulje');
    expect(resolveMessages('fi-FI', undefined, { fi, 'fi-FI': fiFi }).close).toBe('Sulje ikkuna');
    expect(resolveMessages('fi', undefined, {}).close).toBe(en.close);
    expect(resolveMessages('sv', { close: 'Stäng' }, { fi }).close).toBe('Stäng');
    expect(builtInMessages).toEqual({ en });
  });
});

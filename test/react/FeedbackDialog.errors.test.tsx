import { defineSurvey, type Question } from '@palaute/engine';
import { en, FeedbackDialog, fi, type MessageOverrides, useErrorMessage } from '@palaute/react';
import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { network } from './flowParts.network';
import { Host } from './localeHost';

// An answer's error says what is wrong in the customer's language, beside the field and in the
// dialog's announcer. A scale question's errors are on the dialog's first load; those only the other
// question types have (consent, too long, too few or too many choices, "Other" left empty, an
// unknown option) travel with those types in the parts loaded later (`enParts`). Its own file: a
// load of the parts that succeeded stays loaded for the rest of a file, so the tests with the parts
// blocked come first.
vi.mock('../../packages/react/src/flow/flow.parts.import', () => import('./flowParts.network'));

const npsOnly = defineSurvey({
  id: 'nps-only',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' }],
});

const consentThenTopics = defineSurvey({
  id: 'consent-then-topics',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'contact', type: 'consent', title: 'May we contact you?', label: 'Yes', required: true },
    {
      id: 'topics',
      type: 'multiple',
      title: 'What should we improve?',
      options: [
        { id: 'speed', label: 'Speed' },
        { id: 'price', label: 'Price' },
        { id: 'docs', label: 'Documentation' },
      ],
      minSelected: 2,
      other: true,
    },
  ],
});

const announcer = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByRole('status')
    .find((region) => region.getAttribute('data-part') === 'announcer');

async function open(
  survey: typeof npsOnly,
  props: { locale?: string; messages?: MessageOverrides },
) {
  const user = userEvent.setup();
  render(
    <Host {...props}>
      <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
    </Host>,
  );
  await user.click(screen.getByRole('button', { name: 'Feedback' }));
  return { user, dialog: await screen.findByRole('dialog') };
}

/** Presses "Next" (or "Send") and waits for `message` beside the field and in the announcer. */
async function expectError(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  message: string,
) {
  await user.click(within(dialog).getByRole('button', { name: /^(Next|Send|Seuraava|Lähetä)$/ }));
  await waitFor(() => expect(within(dialog).getByText(message)).toBeInTheDocument());
  expect(announcer(dialog)).toHaveTextContent(`${message}`);
}

// Opening the dialog and loading its parts takes seconds on a loaded machine.
describe('FeedbackDialog › an answer’s error', { timeout: 30_000 }, () => {
  afterEach(() => {
    network.down = false;
  });

  it('given an NPS question and the parts cannot load › "Send" without a score shows the error on the scale and announces it', async () => {
    network.down = true;
    const { user, dialog } = await open(npsOnly, {});
    await user.click(within(dialog).getByRole('button', { name: en.submit }));
    const group = within(dialog).getByRole('radiogroup');
    await waitFor(() => expect(group).toHaveAttribute('aria-invalid', 'true'));
    expect(group).toHaveAccessibleDescription(/Please answer this question\.$/);
    expect(announcer(dialog)).toHaveTextContent(`Error: ${en.errorRequired}`);
    expect(network.attempts).toBeGreaterThan(0);
    // The parts never loaded: the scale's error needed none of them.
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('given a consent and a choice question (parts loaded) › their errors show beside the field and are announced', async () => {
    const { user, dialog } = await open(consentThenTopics, {});
    await within(dialog).findByRole('checkbox', { name: 'Yes' });
    await expectError(user, dialog, en.errorConsentRequired);
    expect(announcer(dialog)).toHaveTextContent(`Error: ${en.errorConsentRequired}`);
    expect(within(dialog).getByRole('checkbox', { name: 'Yes' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await user.click(within(dialog).getByRole('checkbox', { name: 'Yes' }));
    await user.click(within(dialog).getByRole('button', { name: en.next }));
    await within(dialog).findByRole('group', { name: /What should we improve/ });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Speed' }));
    await expectError(user, dialog, 'Please choose at least 2.');
    expect(announcer(dialog)).toHaveTextContent('Error: Please choose at least 2.');

    await user.click(within(dialog).getByRole('checkbox', { name: en.other }));
    await expectError(user, dialog, en.errorOtherEmpty);
    expect(announcer(dialog)).toHaveTextContent(`Error: ${en.errorOtherEmpty}`);
  });

  it('given Finnish registered › the parts’ errors are Finnish', async () => {
    const { user, dialog } = await open(consentThenTopics, { locale: 'fi' });
    await within(dialog).findByRole('checkbox', { name: 'Yes' });
    await expectError(user, dialog, fi.errorConsentRequired);
    expect(announcer(dialog)).toHaveTextContent(fi.errorConsentRequired);
    expect(within(dialog).queryByText(en.errorConsentRequired)).toBeNull();
  });

  it('given the host’s override of a part’s error › it wins, beside the field and in the announcer', async () => {
    const { user, dialog } = await open(consentThenTopics, {
      messages: { errorConsentRequired: 'Tick the box to go on.' },
    });
    await within(dialog).findByRole('checkbox', { name: 'Yes' });
    await expectError(user, dialog, 'Tick the box to go on.');
    expect(announcer(dialog)).toHaveTextContent('Error: Tick the box to go on.');
  });
});

describe('useErrorMessage (public)', () => {
  const text: Question = { id: 'why', type: 'text', title: 'Why?' } as Question;
  const consent: Question = { id: 'ok', type: 'consent', title: 'OK?', label: 'Yes' } as Question;
  const message = (
    question: Question,
    issue: Parameters<typeof useErrorMessage>[1],
    locale = 'en',
  ) =>
    renderHook(() => useErrorMessage(question, issue), {
      wrapper: ({ children }) => <Host locale={locale}>{children}</Host>,
    }).result.current;

  it('gives every issue code its message, the limit filled in', () => {
    expect(message(text, { code: 'required' })).toBe(en.errorRequired);
    expect(message(consent, { code: 'required' })).toBe(en.errorConsentRequired);
    expect(message(text, { code: 'tooLong', limit: 5 })).toBe('Please use at most 5 characters.');
    expect(message(text, { code: 'otherEmpty' })).toBe(en.errorOtherEmpty);
    expect(message(text, { code: 'tooFew', limit: 2 })).toBe('Please choose at least 2.');
    expect(message(text, { code: 'tooMany', limit: 3 })).toBe('Please choose at most 3.');
    expect(message(text, { code: 'outOfRange' })).toBe(en.errorOutOfRange);
    expect(message(text, { code: 'invalidOption' })).toBe(en.errorInvalidOption);
    expect(message(text, { code: 'wrongType' })).toBe(en.errorWrongType);
    expect(message(text, undefined)).toBeUndefined();
    expect(message(text, { code: 'tooLong', limit: 5 }, 'fi')).toBe(
      fi.errorTooLong.replace('{limit}', '5'),
    );
  });
});

import {
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  type Survey,
} from '@palaute/engine';
import { FeedbackDialog, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useMemo, useState } from 'react';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import { fixtureCustomerId } from '../test/fixtures/flows';
import { npsSurvey } from '../test/fixtures/surveys';

/** The NPS survey, sending the score on its own if the customer stops at the text question. */
const partialSurvey: Survey = defineSurvey({ ...npsSurvey, id: 'nps-partial', partial: 'submit' });

interface ConsentStoryProps {
  /** The survey the dialog asks. */
  survey: Survey;
  /** Also list what reached the backend under the dialog. */
  withSent?: boolean;
}

/**
 * The dialog a survey opened, with a Palaute client (so "Don't ask me again" is offered) and the
 * customer's own view beside it: the states where nothing the customer gave is lost.
 */
function ConsentStory({ survey, withSent = false }: ConsentStoryProps) {
  const backend = useMemo(() => createMemoryBackend({ latency: 150 }), []);
  // A customer of this render's own: stories run side by side in one browser and share its
  // storage, where drafts are kept per customer and survey.
  const customerId = useMemo(
    () => `${fixtureCustomerId}-${Math.random().toString(36).slice(2)}`,
    [],
  );
  const client = useMemo(() => {
    return createPalaute({
      backend,
      customer: { id: customerId },
      surveys: [survey],
      touchpoints: [{ id: survey.touchpointId, stage: 'use', channel: 'inProduct' }],
      asks: [{ surveyId: survey.id, triggers: [{ on: 'touchpoint' }] }],
    });
  }, [survey, backend, customerId]);
  return (
    <PalauteProvider locales={{ fi }} client={client} outbox={false}>
      <FeedbackDialog survey={survey} trigger={<button type="button">Give feedback</button>} />
      {withSent ? <Sent backend={backend} /> : null}
    </PalauteProvider>
  );
}

/** What reached the backend: each response, its score, and whether it was partial. */
function Sent({ backend }: { backend: MemoryBackend }) {
  const [responses, setResponses] = useState(backend.responses);
  useEffect(() => backend.subscribe(() => setResponses(backend.responses())), [backend]);
  return (
    <section aria-label="Sent to the team">
      <ul>
        {responses.map((response) => (
          <li key={response.id}>
            {`Score ${String(response.answers.nps)}${response.partial ? ', sent as a partial response' : ''}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

const meta = {
  title: 'Flows/Consent and kept answers',
  component: ConsentStory,
  tags: ['autodocs'],
  parameters: {
    a11y: { context: 'body' },
    docs: {
      description: {
        component:
          '"Don\'t ask me again" asks what it covers, confirms, and offers an undo; answers given before a dismissal are kept as a draft, or sent as a partial response.',
      },
    },
  },
  args: { survey: npsSurvey },
} satisfies Meta<typeof ConsentStory>;
export default meta;
type Story = StoryObj<typeof meta>;

async function open(canvasElement: HTMLElement) {
  await userEvent.click(within(canvasElement).getByRole('button', { name: 'Give feedback' }));
  return screen.findByRole('dialog');
}

/** "Don't ask me again", "All surveys", confirmed: the dialog says what it covers, then Undo. */
export const OptOutConfirmedAndUndone: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement);
    await userEvent.click(within(dialog).getByRole('button', { name: "Don't ask me again" }));
    const scope = within(dialog).getByRole('group', { name: 'Stop asking you about' });
    await expect(within(scope).getByRole('radio', { name: 'This survey only' })).toBeChecked();
    await userEvent.click(within(scope).getByRole('radio', { name: 'All surveys' }));
    await userEvent.click(within(scope).getByRole('button', { name: 'Stop asking' }));
    await expect(
      await within(dialog).findByText("We won't ask you about any survey again."),
    ).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo' }));
    await expect(await within(dialog).findByText('Undone. We may ask you again.')).toHaveFocus();
  },
};

/** The confirmation itself, before the customer chooses. */
export const OptOutConfirmation: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement);
    await userEvent.click(within(dialog).getByRole('button', { name: "Don't ask me again" }));
    await expect(within(dialog).getByRole('radio', { name: 'This survey only' })).toHaveFocus();
  },
};

/** A score given, then Escape: the next opening resumes at the question left, answers kept. */
export const DraftResumed: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement);
    await userEvent.click(within(dialog).getByRole('radio', { name: /^8/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByRole('textbox');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await open(canvasElement);
    // Queried afresh each try: the note must end up shown in the open dialog, whatever renders
    // happen on the way there.
    await waitFor(
      () =>
        expect(
          within(screen.getByRole('dialog')).getByText('We kept your answers from last time.'),
        ).toBeVisible(),
      { timeout: 10_000 },
    );
  },
};

/** A survey with `partial: 'submit'`: the score counts even though the customer stopped at "why". */
export const PartialResponseSent: Story = {
  args: { survey: partialSurvey, withSent: true },
  play: async ({ canvasElement }) => {
    const dialog = await open(canvasElement);
    await userEvent.click(within(dialog).getByRole('radio', { name: /^8/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByRole('textbox');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(
      await within(canvasElement).findByText(
        'Score 8, sent as a partial response',
        {},
        {
          timeout: 10_000,
        },
      ),
    ).toBeVisible();
  },
};

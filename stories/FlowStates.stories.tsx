import { createMemoryBackend, type MemoryBackendOptions } from '@palaute/engine';
import { FeedbackDialog, FeedbackForm, fi, PalauteProvider, type Theme } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import {
  type FlowFixtureName,
  fixtureCustomerId,
  flowFixture,
  impactNotice,
} from '../test/fixtures/flows';
import { npsSurvey } from '../test/fixtures/surveys';

interface FlowStateProps {
  /** The persisted snapshot the story starts from (shared with the tests). */
  fixture: FlowFixtureName;
  /** Show it in the modal dialog instead of inline. */
  dialog?: boolean;
  theme?: Theme;
  locale?: string;
  backend?: MemoryBackendOptions;
}

/** Starts a flow from a fixture, with a memory backend that already holds the fixture's response. */
function FlowState({
  fixture,
  dialog = false,
  theme,
  locale,
  backend: backendOptions,
}: FlowStateProps) {
  const initialFlow = useMemo(() => flowFixture(fixture), [fixture]);
  const backend = useMemo(() => {
    const memory = createMemoryBackend({
      impact: { [fixtureCustomerId]: [impactNotice] },
      ...backendOptions,
    });
    const { context } = initialFlow;
    // After the submission, follow-ups join the stored response.
    void memory
      .submitResponse({
        id: context.responseId,
        surveyId: context.survey.id,
        surveyVersion: context.survey.version,
        touchpointId: context.survey.touchpointId,
        customerId: context.customerId,
        locale: context.locale,
        answers: context.answers,
        startedAt: context.startedAt,
        submittedAt: context.startedAt,
      })
      .catch(() => {});
    return memory;
  }, [initialFlow, backendOptions]);
  const props = { survey: npsSurvey, initialFlow, theme: theme ?? 'light' } as const;
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      customer={{ id: fixtureCustomerId }}
      locale={locale ?? 'en'}
    >
      {dialog ? <FeedbackDialog {...props} defaultOpen /> : <FeedbackForm {...props} />}
    </PalauteProvider>
  );
}

const meta = {
  title: 'Flow/States',
  component: FlowState,
  tags: ['autodocs'],
  parameters: {
    a11y: { context: 'body' },
    docs: {
      description: {
        component:
          'Every step of the feedback flow, each started from a persisted-snapshot fixture that the tests share (`test/fixtures/flows.ts`).',
      },
    },
  },
  render: (args, { globals }) => (
    <FlowState
      {...args}
      theme={args.theme ?? globals.theme}
      locale={args.locale ?? globals.locale}
    />
  ),
} satisfies Meta<typeof FlowState>;
export default meta;
type Story = StoryObj<typeof meta>;

const stateOf = (canvasElement: HTMLElement) =>
  (canvasElement.ownerDocument.querySelector('[data-state]') as HTMLElement).getAttribute(
    'data-state',
  );

export const Asking: Story = { args: { fixture: 'asking' } };

export const AskingInDialog: Story = { args: { fixture: 'asking', dialog: true } };

export const ValidationError: Story = {
  args: { fixture: 'askingWithError' },
  play: async ({ canvasElement }) => {
    const group = within(canvasElement).getByRole('radiogroup');
    await expect(group).toHaveAttribute('aria-invalid', 'true');
  },
};

export const SecondQuestion: Story = { args: { fixture: 'askingMidway' } };

/** The answers are on their way (the backend answers slowly here). */
export const Submitting: Story = {
  args: { fixture: 'askingMidway', backend: { latency: 60_000 } },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(stateOf(canvasElement)).toBe('submitting'));
  },
};

/** The submission failed: the answers are kept, the failure is shown, "Try again" is offered. */
export const SubmitFailedWithRetry: Story = {
  args: { fixture: 'submitFailed' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Network request failed');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Edit answers' })).toBeVisible();
    await expect(stateOf(canvasElement)).toBe('submitFailed');
  },
};

/** After a failure, "Try again" sends the kept answers once and the flow goes on. */
export const SubmitRetried: Story = {
  args: { fixture: 'submitFailed' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(stateOf(canvasElement)).toBe('acknowledging'));
  },
};

export const AcknowledgingDetractor: Story = { args: { fixture: 'acknowledgingDetractor' } };
export const AcknowledgingPassive: Story = { args: { fixture: 'acknowledgingPassive' } };
export const AcknowledgingPromoter: Story = { args: { fixture: 'acknowledgingPromoter' } };

export const FollowingUp: Story = {
  args: { fixture: 'followingUp' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox'), 'Faster exports');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await within(canvasElement).findByRole('heading', { name: 'You said, we did' });
  },
};

export const FollowUpFailed: Story = { args: { fixture: 'followUpFailed' } };

export const ShowingImpact: Story = { args: { fixture: 'showingImpact' } };

export const ShowingImpactInDialog: Story = {
  args: { fixture: 'showingImpact', dialog: true },
  play: async () => {
    await expect(await screen.findByRole('dialog')).toHaveAttribute('data-step', 'showingImpact');
  },
};

export const Done: Story = { args: { fixture: 'done' } };

export const DarkAcknowledgement: Story = {
  args: { fixture: 'acknowledgingPromoter', theme: 'dark' },
};

export const FinnishFollowUp: Story = { args: { fixture: 'followingUp', locale: 'fi' } };

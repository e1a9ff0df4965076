import {
  type BackendPort,
  createMemoryBackend,
  defineBoard,
  type MemoryBackend,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { LauncherForm, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

interface DemoProps {
  /** `publish`: ideas show at once; `approve`: the team approves them first. */
  moderation: 'publish' | 'approve';
  /** The name the host gives for the customer. */
  displayName?: string;
  locale?: string;
  theme?: 'light' | 'dark';
  /** No network: the board post waits in the outbox. */
  offline?: boolean;
  /** Filled in by the loader. */
  backend?: MemoryBackend | undefined;
}

/** The backend as seen with no network: every write fails, as a fetch would. */
function offlineBackend(backend: MemoryBackend): BackendPort {
  const offline = () => Promise.reject(new Error('offline'));
  return {
    ...backend,
    submitResponse: offline,
    deliver: offline,
    board: { ...backend.board, suggestIdea: offline },
  };
}

/** The launcher's own form, inline, as Anna, on a memory backend with a board. */
function LauncherDemo({
  backend,
  displayName,
  locale = 'en',
  theme = 'light',
  offline = false,
}: DemoProps) {
  const [outbox] = useState(() =>
    offline && backend
      ? createOutbox({ backend: offlineBackend(backend), storage: createMemoryOutboxStorage() })
      : undefined,
  );
  if (!backend) return null;
  return (
    <PalauteProvider
      backend={backend}
      customer={{ id: 'anna' }}
      outbox={outbox ?? false}
      locale={locale}
    >
      <LauncherForm displayName={displayName} theme={theme} />
    </PalauteProvider>
  );
}

const meta = {
  title: 'Flow/LauncherForm',
  component: LauncherDemo,
  tags: ['autodocs'],
  args: { moderation: 'publish', displayName: 'Anna Korhonen' },
  argTypes: {
    backend: { table: { disable: true } },
    locale: { table: { disable: true } },
    theme: { table: { disable: true } },
    offline: { table: { disable: true } },
  },
  loaders: [
    async ({ args }) => ({
      backend: createMemoryBackend({
        board: defineBoard({ id: 'ideas', moderation: args.moderation }),
      }),
    }),
  ],
  render: (args, { loaded, globals }) => (
    <LauncherDemo
      {...args}
      backend={loaded.backend as MemoryBackend}
      locale={(globals.locale as string | undefined) ?? 'en'}
      theme={globals.theme === 'dark' ? 'dark' : 'light'}
    />
  ),
  parameters: {
    layout: 'padded',
    a11y: { test: 'error' },
    docs: {
      description: {
        component:
          'What the Feedback launcher opens with `kinds`: the customer says what it is about (idea, problem, praise, other), writes it, may agree to be contacted, and for an idea or a problem may post it on the public board under a title (unticked by default). The kind is recorded on the feedback item; the idea is linked to it.',
      },
    },
  },
} satisfies Meta<typeof LauncherDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const fill = async (canvasElement: HTMLElement, publish: boolean) => {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('radio', { name: /^(An idea|Idea)$/ }));
  await userEvent.type(
    canvas.getByRole('textbox', { name: /^(Tell us more|Kerro lisää)$/ }),
    'Export invoices to Excel',
  );
  if (publish) {
    await userEvent.click(
      canvas.getByRole('checkbox', { name: /public board|julkisella taululla/ }),
    );
    await userEvent.type(
      canvas.getByRole('textbox', { name: /^(Title on the board|Otsikko taululla)$/ }),
      'Excel export',
    );
  }
};

/** Nothing chosen yet: the kinds as a radio group, no board question. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('radio')).toHaveLength(4);
    await expect(canvas.queryByRole('checkbox', { name: /public board/ })).toBeNull();
  },
};

/** Sent without a kind or a text: both are marked, nothing is sent. */
export const Missing: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^(Send|Lähetä)$/ }));
    await expect(canvas.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** An idea, the board question ticked: a title is asked for. */
export const MakingPublic: Story = {
  play: async ({ canvasElement }) => fill(canvasElement, true),
};

/** Posted on the board: "others can vote". */
export const Posted: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, true);
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^(Send|Lähetä)$/ }));
    await within(canvasElement).findByText(/others can vote|muut voivat äänestää/);
  },
};

/** On a board that approves first: the customer is told it waits for approval. */
export const WaitsForApproval: Story = {
  args: { moderation: 'approve' },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, true);
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^(Send|Lähetä)$/ }));
    await within(canvasElement).findByText(/once our team approves it|kun tiimimme on hyväksynyt/);
  },
};

/** Offline, through the outbox: the post is saved and waits; the form says so, not "posted". */
export const Queued: Story = {
  args: { offline: true },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, true);
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^(Send|Lähetä)$/ }));
    await within(canvasElement).findByText(/as soon as it can be sent|heti, kun sen voi lähettää/);
  },
};

/** Private feedback: sent to the team only. */
export const SentPrivately: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, false);
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^(Send|Lähetä)$/ }));
    await within(canvasElement).findByText(/Thank you for your feedback|Kiitos palautteestasi/);
  },
};

/** In Finnish. */
export const Finnish: Story = { globals: { locale: 'fi' } };

/** The dark theme, inline: the palette every root takes. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.palaute-LauncherForm')).toHaveAttribute(
      'data-theme',
      'dark',
    );
  },
};

import { fi, PalauteProvider, YourFeedback } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  type CustomerStage,
  createLoop,
  customerId,
  faxReason,
  seedCustomer,
} from '../test/fixtures/feedback';

interface DemoProps {
  /** Where the customer's feedback stands (built through real flows and `backend.team` calls). */
  stage: CustomerStage;
  /** The customer's locale (the toolbar's). */
  locale?: string;
  /** Filled in by the loader: the seeded backend and its fixed clock. */
  loop?: Awaited<ReturnType<typeof seed>> | undefined;
}

async function seed(stage: CustomerStage) {
  const loop = createLoop();
  await seedCustomer(loop.backend, loop.clock, stage);
  return loop;
}

/** The customer's "Your feedback" page in a host app, on a seeded memory backend and a fixed clock. */
function YourFeedbackDemo({ loop, locale = 'en' }: DemoProps) {
  if (!loop) return null;
  const { backend, clock } = loop;
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      customer={{ id: customerId }}
      outbox={false}
      locale={locale}
    >
      <main style={{ maxInlineSize: '40rem' }}>
        <YourFeedback now={clock.now} timeZone="UTC" refreshMs={0} />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Closing the loop/YourFeedback',
  component: YourFeedbackDemo,
  tags: ['autodocs'],
  args: { stage: 'planned' },
  argTypes: { loop: { table: { disable: true } }, locale: { table: { disable: true } } },
  loaders: [async ({ args }) => ({ loop: await seed(args.stage) })],
  render: (args, { loaded, globals }) => (
    <YourFeedbackDemo
      {...args}
      loop={loaded.loop as DemoProps['loop']}
      locale={(globals.locale as string | undefined) ?? 'en'}
    />
  ),
  parameters: {
    docs: {
      description: {
        component:
          'What the signed-in customer told the company and where each piece stands, in plain words ("planned" never reads as done), with the thread of replies (answered back through the outbox), read receipts both ways, and "You told us X. We shipped Y." once a change shipped. Each story is built the real way: the customer answers through a flow, the team acts through `backend.team`, on a fixed clock.',
      },
    },
  },
} satisfies Meta<typeof YourFeedbackDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const panel = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('region', { name: /^(Your feedback|Palautteesi)$/ });

/** Nothing sent yet. */
export const Empty: Story = {
  args: { stage: 'empty' },
  play: async ({ canvasElement }) => {
    const region = await panel(canvasElement);
    await waitFor(() => expect(region).toHaveAttribute('data-state', 'empty'));
  },
};

/** On the plan: said as "Planned", with what it means — not done yet. */
export const Planned: Story = {
  args: { stage: 'planned' },
  play: async ({ canvasElement }) => {
    const region = await panel(canvasElement);
    const article = await within(region).findByRole('article');
    await expect(article).toHaveAttribute('data-state', 'planned');
  },
};

/** Not planned, with the reason the team gave. */
export const DeclinedWithReason: Story = {
  args: { stage: 'declined' },
  play: async ({ canvasElement }) => {
    const region = await panel(canvasElement);
    const article = await within(region).findByRole('article');
    await expect(article).toHaveTextContent(faxReason);
  },
};

/** A thread: the team asked, the customer answered, the team answered and closed it. Opened by the play. */
export const AnsweredThread: Story = {
  args: { stage: 'answered' },
  play: async ({ canvasElement }) => {
    const region = await panel(canvasElement);
    const toggle = await within(region).findByRole('button', { expanded: false });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(within(region).getByRole('textbox')).toBeVisible();
  },
};

/**
 * Shipped: "You told us X. We shipped Y.", marked "New" in words while it is news to the customer;
 * once half of it has been in view, it is recorded as seen (so no touchpoint offers it again).
 */
export const ShippedWithImpact: Story = {
  args: { stage: 'shipped' },
  play: async ({ canvasElement, loaded }) => {
    const region = await panel(canvasElement);
    const article = await within(region).findByRole('article', { name: /2026/ });
    await waitFor(() => expect(article.querySelector('.palaute-ImpactNotice')).not.toBeNull());
    const impact = article.querySelector('[data-part="impact"]') as HTMLElement;
    await expect(impact).toHaveAttribute('data-state', 'new');
    await expect(within(impact).getByText(/^(New|Uusi)$/)).toBeVisible();
    const { backend } = loaded.loop as NonNullable<DemoProps['loop']>;
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
  },
};

/** Shipped, and the customer has seen the notice before: shown without "New". */
export const ShippedImpactSeen: Story = {
  args: { stage: 'shipped' },
  loaders: [
    async () => {
      const loop = await seed('shipped');
      for (const notice of await loop.backend.listImpact({ customerId }))
        await loop.backend.markImpactSeen?.({
          customerId,
          noticeId: notice.id,
          at: loop.clock.now().toISOString(),
        });
      return { loop };
    },
  ],
  play: async ({ canvasElement }) => {
    const region = await panel(canvasElement);
    const article = await within(region).findByRole('article', { name: /2026/ });
    await waitFor(() => expect(article.querySelector('.palaute-ImpactNotice')).not.toBeNull());
    const impact = article.querySelector('[data-part="impact"]') as HTMLElement;
    await expect(impact).toHaveAttribute('data-state', 'seen');
    await expect(within(impact).queryByText(/^(New|Uusi)$/)).toBeNull();
  },
};

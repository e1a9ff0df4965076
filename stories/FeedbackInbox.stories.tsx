import { createMemoryBackend, defineBoard } from '@palaute/engine';
import { FeedbackInbox, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  anna,
  createClock,
  createLoop,
  faxReason,
  invoiceSurvey,
  loopSurvey,
  seedBoardItems,
  seedInbox,
} from '../test/fixtures/feedback';

type Scenario = 'empty' | 'seeded' | 'wide' | 'board';

interface DemoProps {
  /**
   * `empty`: no feedback yet; `seeded`: six items at every stage of the loop, over three days;
   * `wide`: those six and 24 more from 24 other screens, each customer on a plan of their own;
   * `board`: the six, and the board's ideas and bug reports beside them (a kind filter).
   */
  scenario: Scenario;
  /** Items past this many hours with no team action are overdue. */
  responseTargetHours?: number;
  /** The team member's locale (the toolbar's). */
  locale?: string;
  /** Items a page: the first page, and each "Show more". */
  pageSize?: number;
  /** Filled in by the loader: the seeded backend and its fixed clock. */
  loop?: Awaited<ReturnType<typeof seed>> | undefined;
}

const laskutinBoard = /* @__PURE__ */ defineBoard({ id: 'ideas', moderation: 'publish' });

/** The six items, and an idea and a bug report on the board, voted by customers of each class. */
async function seedBoard() {
  const clock = createClock();
  const backend = createMemoryBackend({ now: clock.now, board: laskutinBoard });
  await seedInbox(backend, clock);
  await seedBoardItems(backend, clock);
  return { backend, clock };
}

async function seed(scenario: Scenario) {
  if (scenario === 'board') return seedBoard();
  const loop = createLoop();
  if (scenario !== 'empty') await seedInbox(loop.backend, loop.clock);
  else loop.clock.at(74);
  if (scenario === 'wide')
    for (let n = 1; n <= 24; n++) {
      const at = loop.clock.now().toISOString();
      const screen = String(n).padStart(2, '0');
      await loop.backend.submitResponse({
        id: `fb-wide-00${screen}`,
        surveyId: loopSurvey.id,
        surveyVersion: 1,
        touchpointId: `screen-${screen}`,
        customerId: `c-wide-${screen}`,
        locale: 'en',
        answers: { nps: 6, why: `Screen ${screen} could be clearer` },
        segment: { plan: `custom-${screen}`, seats: n % 3 === 0 ? '12' : 12 },
        startedAt: at,
        submittedAt: at,
      });
    }
  return loop;
}

/** The host's internal tool: the inbox over `backend.team`, acting as Anna, on a fixed clock. */
function FeedbackInboxDemo({
  loop,
  locale = 'en',
  responseTargetHours = 48,
  pageSize = 50,
  scenario,
}: DemoProps) {
  const withBoard = scenario === 'board';
  if (!loop) return null;
  return (
    <PalauteProvider locales={{ fi }} backend={loop.backend} outbox={false} locale={locale}>
      <main>
        <FeedbackInbox
          team={loop.backend.team}
          by={anna}
          now={loop.clock.now}
          timeZone="UTC"
          refreshMs={0}
          responseTargetHours={responseTargetHours}
          pageSize={pageSize}
          surveys={[loopSurvey, invoiceSurvey]}
          ideas={withBoard ? { board: laskutinBoard, port: loop.backend.team.board } : undefined}
        />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Closing the loop/FeedbackInbox',
  component: FeedbackInboxDemo,
  tags: ['autodocs'],
  args: { scenario: 'seeded', responseTargetHours: 48, pageSize: 50 },
  argTypes: { loop: { table: { disable: true } }, locale: { table: { disable: true } } },
  loaders: [async ({ args }) => ({ loop: await seed(args.scenario) })],
  render: (args, { loaded, globals }) => (
    <FeedbackInboxDemo
      {...args}
      loop={loaded.loop as DemoProps['loop']}
      locale={(globals.locale as string | undefined) ?? 'en'}
    />
  ),
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'The team\'s triage inbox: loop metrics, filters (unprocessed first by default), a list loaded a page at a time ("Show more"), an "Overdue" flag in words, the item with the customer\'s answers, its history and thread, the status moves the lifecycle allows from where it stands, and "Link to a shipped change". The data is built the real way: customers answer through flows, the team acts through `backend.team`, on a fixed clock (Monday 23 November 2026, 12:00 UTC).',
      },
    },
  },
} satisfies Meta<typeof FeedbackInboxDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const inbox = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('region', { name: /^(Feedback inbox|Saapunut palaute)$/ });

/** Opens an item by its words. */
async function open(canvasElement: HTMLElement, words: RegExp) {
  const region = await inbox(canvasElement);
  const button = await within(region).findByRole('button', { name: words });
  await userEvent.click(button);
  return within(region).findByRole('region', { name: /^(Feedback from|Palaute asiakkaalta)/ });
}

/** No feedback yet. */
export const Empty: Story = {
  args: { scenario: 'empty' },
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    await waitFor(() => expect(region).toHaveAttribute('data-state', 'empty'));
  },
};

/** Unprocessed first; one item waits past the 48-hour target: "Overdue", in words. */
export const OverdueItems: Story = {
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    await waitFor(() => expect(region.querySelectorAll('[data-overdue]')).toHaveLength(1));
    await expect(region.querySelector('[data-overdue] [data-part="overdue"]')).toBeVisible();
  },
};

/** A tighter target (12 hours): both unprocessed items are overdue. */
export const TighterTarget: Story = {
  args: { responseTargetHours: 12 },
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    await waitFor(() => expect(region.querySelectorAll('[data-overdue]')).toHaveLength(2));
  },
};

/** A thread both ways: Anna asked, the customer answered (and read her reply). */
export const Thread: Story = {
  play: async ({ canvasElement }) => {
    const view = await open(canvasElement, /^Exports to Excel are slow/);
    const thread = await within(view).findByRole('list', { name: /^(Conversation|Keskustelu)$/ });
    await expect(within(thread).getAllByRole('listitem')).toHaveLength(2);
  },
};

/** Declined, with the reason the customer reads; only "Reopen" is a move from here. */
export const DeclinedWithReason: Story = {
  play: async ({ canvasElement }) => {
    const view = await open(canvasElement, /^Add a fax export/);
    await expect(view).toHaveTextContent(faxReason);
    // No consent: the composer explains why it is disabled.
    await expect(
      within(view).getByRole('textbox', { name: /customer|asiakkaalle/ }),
    ).toBeDisabled();
  },
};

/** Shipped in a change: the impact notice its customer sees. */
export const ImpactNotice: Story = {
  play: async ({ canvasElement }) => {
    const view = await open(canvasElement, /^I miss a dark mode/);
    await waitFor(() => expect(view.querySelector('.palaute-ImpactNotice')).not.toBeNull());
  },
};

/** The history panel: who moved it, when, and why, from "new" to "in progress". */
export const History: Story = {
  play: async ({ canvasElement }) => {
    const view = await open(canvasElement, /^Exports to Excel are slow/);
    const history = within(view).getByRole('list', { name: /^(History|Historia)$/ });
    await expect(within(history).getAllByRole('listitem')).toHaveLength(4);
    history.scrollIntoView();
  },
};

/**
 * A page at a time: three items first ("3 shown, more to load": the total is not known yet), then
 * "Show more" by keyboard adds the next three, announces them and moves focus to the first of them.
 */
export const ShowMore: Story = {
  args: { pageSize: 3 },
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    const list = await within(region).findByRole('list', {
      name: /^(Feedback inbox|Saapunut palaute)$/,
    });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const more = within(region).getByRole('button', { name: /^(Show more|Näytä lisää)$/ });
    await expect(more).toHaveAccessibleDescription(/^(3 shown|Näytetään 3)/);
    more.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(6));
    await expect(within(list).getByRole('button', { name: /^I miss a dark mode/ })).toHaveFocus();
    await expect(region.querySelector('[data-part="announcer"]')).toHaveTextContent(
      /^(3 more loaded\. 6 items|Ladattiin 3 lisää\. 6 palautetta)/,
    );
    await expect(
      within(region).queryByRole('button', { name: /^(Show more|Näytä lisää)$/ }),
    ).toBeNull();
  },
};

/**
 * The filters offer every touchpoint and segment value of the inbox, with how many items have each,
 * the most common first, though only three items are shown; 12 seats and "12" seats are two values.
 * With 26 touchpoints and 26 plans, the 20 most common are listed, and a note under each field says
 * how many less common ones are not (it describes the field for screen readers).
 */
export const FilterOptions: Story = {
  args: { scenario: 'wide', pageSize: 3 },
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    const filters = within(region).getByRole('search');
    const touchpoint = within(filters).getByLabelText(/^(Touchpoint|Kosketuspiste)$/);
    await waitFor(() => expect(touchpoint).toHaveAccessibleDescription(/^6 /));
    await expect(within(touchpoint).getAllByRole('option')).toHaveLength(21);
    await userEvent.selectOptions(within(filters).getByLabelText(/^(Segment|Segmentti)$/), 'seats');
    const value = within(filters).getByLabelText(/^(Segment value|Segmentin arvo)$/);
    await expect(
      within(value)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([expect.any(String), '12 (16)', expect.stringMatching(/^[“”]12” \(8\)$/)]);
    await userEvent.selectOptions(within(filters).getByLabelText(/^(Segment|Segmentti)$/), 'plan');
    await expect(value).toHaveAccessibleDescription(/^6 /);
  },
};

/**
 * The team's tools: a search over what customers wrote (Enter searches), then every item shown
 * ticked and moved to "Planned" at once, with the confirmation in view, not only announced.
 */
export const TeamTools: Story = {
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    const filters = within(region).getByRole('search');
    const search = within(filters).getByLabelText(
      /^(Search what customers wrote|Hae asiakkaiden sanoista)/,
    );
    await userEvent.type(search, 'fax{Enter}');
    const list = await within(region).findByRole('list', {
      name: /^(Feedback inbox|Saapunut palaute)$/,
    });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    await expect(within(list).getByRole('button', { name: /fax/i })).toBeInTheDocument();
    await userEvent.clear(search);
    await userEvent.keyboard('{Enter}');
    await userEvent.selectOptions(within(filters).getByLabelText(/^(Status|Tila)$/), 'new');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    await userEvent.click(within(region).getByLabelText(/^(Select all shown|Valitse kaikki)/));
    const bulk = within(region).getByRole('form', {
      name: /^(Act on the selected items|Toimi valituille)/,
    });
    await userEvent.selectOptions(
      within(bulk).getByLabelText(/^(Action|Toiminto)$/),
      'feedback.plan',
    );
    await userEvent.click(
      within(bulk).getByRole('button', { name: /^(Apply to the selected|Tee valituille)/ }),
    );
    await waitFor(() =>
      expect(bulk.querySelector('[data-part="confirmation"]')).toHaveTextContent(/^2 /),
    );
  },
};

/**
 * The board in the inbox: ideas and bug reports beside survey feedback, a kind filter, and an idea's
 * voters by the segment each vote froze (NPS class, plan).
 */
export const BoardItems: Story = {
  args: { scenario: 'board' },
  play: async ({ canvasElement }) => {
    const region = await inbox(canvasElement);
    const kind = await within(region).findByRole('combobox', { name: /^(Kind|Laji)$/ });
    await userEvent.selectOptions(kind, 'idea');
    const ideas = await within(region).findByRole('region', {
      name: /^(Ideas and bug reports|Ideat ja vikailmoitukset)$/,
    });
    await userEvent.click(
      await within(ideas).findByRole('button', { name: 'Export invoices to CSV' }),
    );
    // Named: the ideas most wanted by detractors are a table of their own beside it.
    const table = await within(ideas).findByRole('table', { name: /^Voters by segment/ });
    await waitFor(() =>
      expect(
        table.querySelector('[data-key="npsClass"][data-value="detractor"] td:last-child'),
      ).toHaveTextContent('2'),
    );
  },
};

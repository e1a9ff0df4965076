import { createMemoryBackend, defineBoard, type MemoryBackend } from '@palaute/engine';
import { FeedbackLauncher, fi, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations } from './axe';

// The launcher's own form: what it is about, the text, and, only with the customer's consent, the
// public board.

function App({ backend, locale = 'en' }: { backend: MemoryBackend; locale?: string }) {
  return (
    <PalauteProvider
      backend={backend}
      customer={{ id: 'anna' }}
      outbox={false}
      locale={locale}
      locales={{ fi }}
    >
      <FeedbackLauncher kinds displayName="Anna Virtanen" />
    </PalauteProvider>
  );
}

async function open(user: ReturnType<typeof userEvent.setup>, name = 'Feedback') {
  await user.click(screen.getByRole('button', { name }));
  return screen.findByRole('dialog');
}

describe('the launcher’s own form', () => {
  it('given an idea the customer makes public › by keyboard › it goes to the board under the host’s name, linked to the feedback item, and the customer is told', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(<App backend={backend} />);
    const dialog = await open(user);
    expect(within(dialog).getByRole('heading', { name: 'Send feedback' })).toBeVisible();
    const kinds = within(dialog).getByRole('group', { name: 'What is it about?' });
    expect(
      within(kinds)
        .getAllByRole('radio')
        .map((radio) => radio.getAttribute('value')),
    ).toEqual(['idea', 'problem', 'praise', 'other']);
    // No board question until the kind may go there.
    expect(within(dialog).queryByRole('checkbox', { name: /public board/ })).toBeNull();
    within(kinds).getByRole('radio', { name: 'An idea' }).focus();
    await user.keyboard(' ');
    expect(within(kinds).getByRole('radio', { name: 'An idea' })).toBeChecked();
    const contact = within(dialog).getByRole('checkbox', { name: 'You may contact me about this' });
    expect(contact).not.toBeChecked();
    const consent = within(dialog).getByRole('checkbox', {
      name: 'Post it on the public board, so others can vote for it',
    });
    expect(consent).not.toBeChecked();
    expect(consent).toHaveAccessibleDescription('Shown with your name, Anna Virtanen.');
    await user.click(within(dialog).getByRole('textbox', { name: 'Tell us more' }));
    await user.keyboard('I would like to export invoices to Excel');
    await user.click(consent);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    // A public post needs a title.
    const title = within(dialog).getByRole('textbox', { name: 'Title on the board' });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Give it a title of at least 3 characters.');
    expect(await axeViolations(dialog)).toEqual([]);
    await user.type(title, 'Excel export');
    await user.keyboard('{Enter}');
    const outcome = await within(dialog).findByText(
      'Posted on the board as “Excel export” — others can vote.',
    );
    expect(outcome).toHaveFocus();
    expect(await axeViolations(dialog)).toEqual([]);
    const [item] = (await backend.team.listFeedback()).items;
    expect(item).toMatchObject({ kind: 'idea', text: 'I would like to export invoices to Excel' });
    const [idea] = backend.boardIdeas();
    expect(idea).toMatchObject({
      kind: 'idea',
      title: 'Excel export',
      authorName: 'Anna Virtanen',
      itemIds: [item?.id],
      approval: 'approved',
    });
    // The form's own "Close" after sending, besides the dialog's ×.
    const closes = within(dialog).getAllByRole('button', { name: 'Close' });
    expect(closes.map((button) => button.getAttribute('data-part'))).toEqual(['close', 'close-x']);
    await user.click(closes[0] as HTMLElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  }, 20_000);

  it('given a problem without consent › nothing becomes public, and the kind is on the item', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(<App backend={backend} />);
    const dialog = await open(user);
    await user.click(within(dialog).getByRole('radio', { name: 'A problem' }));
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Tell us more' }),
      'The PDF cuts the last line',
    );
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'You may contact me about this' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Thank you for your feedback!')).toHaveFocus();
    expect((await backend.team.listFeedback()).items[0]).toMatchObject({
      kind: 'problem',
      consentToContact: true,
    });
    expect(backend.boardIdeas()).toEqual([]);
  });

  it('given a board that approves first, in Finnish › the customer is told it waits for approval', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend({
      board: defineBoard({ id: 'ideas', moderation: 'approve' }),
    });
    render(<App backend={backend} locale="fi" />);
    const dialog = await open(user, 'Palaute');
    expect(within(dialog).getByRole('heading', { name: 'Lähetä palautetta' })).toBeVisible();
    await user.click(within(dialog).getByRole('radio', { name: 'Idea' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Kerro lisää' }), 'Tumma teema');
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'Julkaise se julkisella taululla, jotta muut voivat äänestää sitä',
      }),
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Otsikko taululla' }),
      'Tumma teema',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Lähetä' }));
    expect(
      await within(dialog).findByText(
        'Lähetetty taululle otsikolla ”Tumma teema”: se näkyy siellä, kun tiimimme on hyväksynyt sen.',
      ),
    ).toBeVisible();
    expect(backend.boardIdeas()[0]?.approval).toBe('pending');
  });

  it('given nothing chosen › sending says what is missing and sends nothing', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(<App backend={backend} />);
    const dialog = await open(user);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(
      within(dialog).getByRole('group', { name: 'What is it about?' }),
    ).toHaveAccessibleDescription('Choose what it is about.');
    expect(
      within(dialog).getByRole('textbox', { name: 'Tell us more' }),
    ).toHaveAccessibleDescription('Write your feedback.');
    expect((await backend.team.listFeedback()).items).toEqual([]);
  });
});

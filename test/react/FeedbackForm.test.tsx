import { createMemoryBackend, defineSurvey, localize, type Question } from '@palaute/engine';
import { FeedbackForm, fi, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { everyQuestionSurvey, finnishSurvey, npsSurvey } from '../fixtures/surveys';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

function renderForm(
  ui: React.ReactElement,
  { locale = 'en', backend = createMemoryBackend() } = {},
) {
  // No timer between keystrokes: each key's events are already flushed by React's act(), and a
  // timer per key made the long keyboard flows wait on a loaded machine's scheduler.
  const user = userEvent.setup({ delay: null });
  const utils = render(
    <PalauteProvider locales={{ fi }} backend={backend} customer={{ id: 'c-1' }} locale={locale}>
      {ui}
    </PalauteProvider>,
  );
  return { user, backend, ...utils };
}

/** Answers the focused question with the keyboard only, the way its type is operated. */
async function answerByKeyboard(user: UserEvent, question: Question) {
  switch (question.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating':
      await user.keyboard('{End}{ArrowLeft}');
      return;
    case 'single':
      await user.keyboard('{ArrowDown}');
      return;
    case 'multiple': {
      const needed = question.minSelected ?? 1;
      for (let i = 0; i < needed; i++) {
        if (i > 0)
          await tabTo(user, (element) => element.matches('input[type="checkbox"]:not(:checked)'));
        await user.keyboard(' ');
      }
      return;
    }
    case 'text':
      await user.keyboard('Typed by keyboard');
      return;
    case 'consent':
      await user.keyboard(' ');
      return;
  }
}

describe('FeedbackForm', () => {
  it('given a survey with every question type › when completed by keyboard alone › every answer is submitted', async () => {
    const { user, backend, container } = renderForm(<FeedbackForm survey={everyQuestionSurvey} />);
    const form = container.querySelector('.palaute-FeedbackForm') as HTMLElement;
    const seen: string[] = [];
    for (
      let i = 0;
      i < everyQuestionSurvey.questions.length + 2 && form.dataset.state === 'asking';
      i++
    ) {
      const question = everyQuestionSurvey.questions.find(
        (candidate) => form.querySelector(`[data-question="${candidate.id}"]`) !== null,
      );
      if (!question) throw new Error('no question rendered');
      seen.push(question.id);
      // Focus moves into each new question; the first one is reached with Tab like any form field.
      if (i === 0)
        await tabTo(user, (element) => element.closest('[data-part="question"]') !== null);
      else expect(document.activeElement?.closest('[data-part="question"]')).not.toBeNull();
      await answerByKeyboard(user, question);
      expect(await axeViolations(form)).toEqual([]);
      await tabTo(user, named(/^(Next|Send)$/));
      await user.keyboard('{Enter}');
      await waitFor(() =>
        expect(form.querySelector(`[data-question="${question.id}"]`)).toBeNull(),
      );
    }
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'acknowledging'));
    expect(seen).toEqual(everyQuestionSurvey.questions.map((question) => question.id));
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    const answers = backend.responses()[0]?.answers ?? {};
    expect(Object.keys(answers).sort()).toEqual(
      everyQuestionSurvey.questions.map((question) => question.id).sort(),
    );
    // About 2.3 s of CPU alone, all of it what the test checks: eight axe runs over the whole
    // form (1.4 s, the first 0.45 s of it axe's own start), nine renders (the first 0.6 s) and
    // about a hundred key presses; on a machine shared four ways that is past the default 5 s.
  }, 20_000);

  it('given a second question › when Back is pressed › the first answer is still selected', async () => {
    const { user, container } = renderForm(<FeedbackForm survey={npsSurvey} />);
    const form = container.querySelector('.palaute-FeedbackForm') as HTMLElement;
    await tabTo(user, (element) => element.getAttribute('role') === 'radio');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await tabTo(user, named('Next'));
    await user.keyboard('{Enter}');
    await tabTo(user, named('Back'), { shift: true });
    await user.keyboard('{Enter}');
    const checked = within(form).getByRole('radio', { checked: true });
    expect(checked).toHaveAccessibleName(/^2/);
    expect(document.activeElement).toBe(checked);
  });

  it('given a half-answered flow › when the page reloads › it resumes at the same question with the answers kept', async () => {
    const storage = new Map<string, string>();
    const persist = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    };
    const first = renderForm(<FeedbackForm survey={npsSurvey} persist={persist} />);
    await tabTo(first.user, (element) => element.getAttribute('role') === 'radio');
    await first.user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    await tabTo(first.user, named('Next'));
    await first.user.keyboard('{Enter}');
    const secondTitle = first.container.querySelector(
      '[data-part="question"] [data-part="title"], [data-part="question"] label',
    )?.textContent;
    first.unmount();
    expect(storage.size).toBe(1);

    const again = renderForm(<FeedbackForm survey={npsSurvey} persist={persist} />);
    const form = again.container.querySelector('.palaute-FeedbackForm') as HTMLElement;
    expect(form).toHaveAttribute('data-state', 'asking');
    expect(
      again.container.querySelector(
        '[data-part="question"] [data-part="title"], [data-part="question"] label',
      )?.textContent,
    ).toBe(secondTitle);
    await tabTo(again.user, named('Back'));
    await again.user.keyboard('{Enter}');
    expect(within(form).getByRole('radio', { checked: true })).toHaveAccessibleName(/^4/);
  });

  it('given survey texts that look like HTML › renders them as text, never as markup', () => {
    const survey = defineSurvey({
      id: 'xss',
      touchpointId: 'tp',
      title: '<img src=x onerror="alert(1)">',
      questions: [{ id: 'q', type: 'text', title: '<script>alert(1)</script>' }],
    });
    const { container } = renderForm(<FeedbackForm survey={survey} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      '<img src=x onerror="alert(1)">',
    );
  });

  it('given Finnish texts and locale › renders the Finnish survey and UI strings', () => {
    renderForm(<FeedbackForm survey={finnishSurvey} />, { locale: 'fi' });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      localize(finnishSurvey.title, 'fi'),
    );
    expect(screen.getByRole('button', { name: 'Ei nyt' })).toBeInTheDocument();
  });

  it('given message overrides › uses the host strings', () => {
    const user = userEvent.setup();
    void user;
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={createMemoryBackend()}
        customer={{ id: 'c' }}
        messages={{ notNow: 'Maybe later' }}
      >
        <FeedbackForm survey={npsSurvey} theme="dark" />
      </PalauteProvider>,
    );
    expect(screen.getByRole('button', { name: 'Maybe later' })).toBeInTheDocument();
    expect(document.querySelector('.palaute-FeedbackForm')).toHaveAttribute('data-theme', 'dark');
  });

  it('given "Not now" › the questions give way to a focused note, and the postponement is recorded', async () => {
    const { user, backend, container } = renderForm(<FeedbackForm survey={npsSurvey} />);
    await tabTo(user, named('Not now'));
    await user.keyboard('{Enter}');
    const form = container.querySelector('.palaute-FeedbackForm') as HTMLElement;
    expect(form).toHaveAttribute('data-state', 'postponed');
    expect(within(form).queryByRole('radiogroup')).toBeNull();
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent("Thanks — we won't ask now.");
    expect(await axeViolations(form)).toEqual([]);
    await waitFor(() => expect(backend.dismissals()).toHaveLength(1));
  });

  it('given the last step › the end text suits a form in a page, in English and Finnish', async () => {
    for (const [locale, body] of [
      ['en', 'You can carry on where you were.'],
      ['fi', 'Voit jatkaa siitä, mihin jäit.'],
    ] as const) {
      const { user, container, unmount } = renderForm(<FeedbackForm survey={npsSurvey} />, {
        locale,
      });
      const form = container.querySelector('.palaute-FeedbackForm') as HTMLElement;
      await user.click(within(form).getByRole('radio', { name: /^10/ }));
      await user.click(
        within(form).getByRole('button', { name: locale === 'en' ? 'Send' : 'Lähetä' }),
      );
      await waitFor(() => expect(form).toHaveAttribute('data-state', 'acknowledging'));
      await user.click(within(form).getByRole('button', { name: /^(Done|Valmis)$/ }));
      await waitFor(() => expect(form).toHaveAttribute('data-state', 'done'));
      expect(form).toHaveTextContent(body);
      expect(form).not.toHaveTextContent(/close this window|sulkea tämän ikkunan/);
      unmount();
    }
  });
});

describe('FeedbackForm announcements and option order', () => {
  it('given a required question › when Next is pressed twice without an answer › the error is announced both times', async () => {
    const { user, container } = renderForm(<FeedbackForm survey={npsSurvey} />);
    const status = container.querySelector('[role="status"]') as HTMLElement;
    await tabTo(user, named('Next'));
    await user.keyboard('{Enter}');
    const first = status.textContent;
    expect(first).toContain('Error: Please answer this question.');
    await tabTo(user, named('Next'));
    await user.keyboard('{Enter}');
    expect(status.textContent).toContain('Error: Please answer this question.');
    // A live region only speaks when its text changes.
    expect(status.textContent).not.toBe(first);
  });

  it('given a follow-up choice with randomised options › shows them in the order drawn for this flow', async () => {
    const survey = defineSurvey({
      id: 'random-follow-up',
      touchpointId: 'tp',
      title: 'Quick question',
      questions: [{ id: 'score', type: 'csat', title: 'How satisfied are you?' }],
      followUps: [
        {
          id: 'why-low',
          when: [{ question: 'score', score: { max: 2 } }],
          question: {
            id: 'area',
            type: 'single',
            title: 'What went wrong?',
            randomize: true,
            options: [
              { id: 'speed', label: 'Speed' },
              { id: 'price', label: 'Price' },
              { id: 'support', label: 'Support' },
            ],
          },
        },
      ],
    });
    // random() = 0 makes Fisher–Yates rotate: [speed, price, support] → [price, support, speed].
    const { user, container } = renderForm(<FeedbackForm survey={survey} random={() => 0} />);
    const form = container.querySelector('.palaute-FeedbackForm') as HTMLElement;
    await tabTo(user, (element) => element.getAttribute('role') === 'radio');
    await user.keyboard('{Home}');
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'acknowledging'));
    await tabTo(user, named('Continue'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'followingUp'));
    const labels = within(form)
      .getAllByRole('radio')
      .map((radio) => radio.closest('label')?.textContent);
    expect(labels).toEqual(['Price', 'Support', 'Speed']);
  });
});

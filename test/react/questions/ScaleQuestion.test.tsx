import { createMemoryBackend, type QuestionOf } from '@palaute/engine';
import { fi, NpsQuestion, PalauteProvider, RatingQuestion } from '@palaute/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../axe';
import { renderQuestion } from './harness';

const nps: QuestionOf<'nps'> = {
  id: 'recommend',
  type: 'nps',
  title: 'How likely are you to recommend us?',
  required: true,
};

const stars: QuestionOf<'rating'> = {
  id: 'stars',
  type: 'rating',
  title: 'Rate the report view',
  required: false,
  scale: { min: 1, max: 5 },
  display: 'stars',
};

const emoji: QuestionOf<'csat'> = {
  id: 'mood',
  type: 'csat',
  title: 'How satisfied are you?',
  required: true,
  display: 'emoji',
};

const checked = () => screen.getByRole('radio', { checked: true });

describe('ScaleQuestion', () => {
  describe('given an NPS question', () => {
    it('is a radio group named by the title and described by both end labels', () => {
      renderQuestion(nps);
      const group = screen.getByRole('radiogroup', { name: 'How likely are you to recommend us?' });
      expect(group).toHaveAccessibleDescription(/Not at all likely/);
      expect(group).toHaveAccessibleDescription(/Extremely likely/);
      expect(group).toHaveAttribute('aria-required', 'true');
      expect(group).not.toHaveAttribute('aria-invalid');
      expect(group).not.toHaveAttribute('data-invalid');
      expect(group).toHaveAttribute('data-display', 'numbers');
      expect(screen.getAllByRole('radio')).toHaveLength(11);
    });

    it('names the end points with their labels and the others by number', () => {
      renderQuestion(nps);
      const radios = screen.getAllByRole('radio');
      expect(radios[0]).toHaveAccessibleName('0, Not at all likely');
      expect(radios[5]).toHaveAccessibleName('5');
      expect(radios[10]).toHaveAccessibleName('10, Extremely likely');
      expect(radios[6]).toHaveAttribute('data-segment', 'detractor');
      expect(radios[7]).toHaveAttribute('data-segment', 'passive');
      expect(radios[9]).toHaveAttribute('data-segment', 'promoter');
    });

    it('when tabbed into with no answer › focuses the first point, the only tab stop', async () => {
      const { user } = renderQuestion(nps);
      await user.tab();
      expect(screen.getAllByRole('radio')[0]).toHaveFocus();
      expect(screen.getAllByRole('radio').filter((radio) => radio.tabIndex === 0)).toHaveLength(1);
      await user.tab();
      expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
    });

    it('when tabbed into with an answer › focuses the chosen point', async () => {
      const { user } = renderQuestion(nps, { initial: 8 });
      await user.tab();
      expect(screen.getByRole('radio', { name: '8' })).toHaveFocus();
    });

    it('when ArrowRight is pressed from 6 › selects 7 and moves focus', async () => {
      const { user, onChange } = renderQuestion(nps, { initial: 6 });
      await user.tab();
      await user.keyboard('{ArrowRight}');
      expect(onChange).toHaveBeenLastCalledWith(7);
      expect(checked()).toHaveAccessibleName('7');
      expect(checked()).toHaveFocus();
      expect(checked()).toHaveAttribute('data-state', 'checked');
      expect(checked()).toHaveAttribute('tabindex', '0');
      expect(screen.getByRole('radio', { name: '6' })).toHaveAttribute('tabindex', '-1');
    });

    it('when ArrowDown, ArrowLeft and ArrowUp are pressed › moves like Right, Left, Left', async () => {
      const { user } = renderQuestion(nps, { initial: 5 });
      await user.tab();
      await user.keyboard('{ArrowDown}');
      expect(checked()).toHaveAccessibleName('6');
      await user.keyboard('{ArrowLeft}{ArrowUp}');
      expect(checked()).toHaveAccessibleName('4');
      expect(checked()).toHaveFocus();
    });

    it('when the arrows pass an end › wraps around', async () => {
      const { user } = renderQuestion(nps, { initial: 10 });
      await user.tab();
      await user.keyboard('{ArrowRight}');
      expect(checked()).toHaveAccessibleName('0, Not at all likely');
      await user.keyboard('{ArrowLeft}');
      expect(checked()).toHaveAccessibleName('10, Extremely likely');
      expect(checked()).toHaveFocus();
    });

    it('when Home and End are pressed › selects the first and the last point', async () => {
      const { user } = renderQuestion(nps, { initial: 4 });
      await user.tab();
      await user.keyboard('{End}');
      expect(checked()).toHaveAccessibleName('10, Extremely likely');
      expect(checked()).toHaveFocus();
      await user.keyboard('{Home}');
      expect(checked()).toHaveAccessibleName('0, Not at all likely');
      expect(checked()).toHaveFocus();
    });

    it('when Space or Enter is pressed on the first point › selects it once', async () => {
      const { user, onChange } = renderQuestion(nps);
      await user.tab();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onChange).toHaveBeenLastCalledWith(0);
      await user.keyboard('{ArrowRight}{Enter}');
      expect(checked()).toHaveAccessibleName('1');
      expect(onChange).toHaveBeenCalledTimes(2);
    });

    it('when a point is clicked › selects it', async () => {
      const { user, onChange } = renderQuestion(nps);
      await user.click(screen.getByRole('radio', { name: '9' }));
      expect(onChange).toHaveBeenLastCalledWith(9);
      expect(checked()).toHaveAccessibleName('9');
    });

    it('in a right-to-left layout › ArrowRight and ArrowLeft swap, Up and Down do not', async () => {
      const { user } = renderQuestion(nps, { initial: 6, dir: 'rtl' });
      await user.tab();
      await user.keyboard('{ArrowRight}');
      expect(checked()).toHaveAccessibleName('5');
      expect(checked()).toHaveFocus();
      await user.keyboard('{ArrowLeft}{ArrowLeft}');
      expect(checked()).toHaveAccessibleName('7');
      await user.keyboard('{ArrowDown}');
      expect(checked()).toHaveAccessibleName('8');
    });

    it('inside a Submit form › Enter selects without submitting', async () => {
      const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
      const user = userEvent.setup();
      render(
        <form onSubmit={onSubmit}>
          <NpsQuestion question={nps} value={undefined} onChange={() => {}} />
          <button type="submit">Send</button>
        </form>,
      );
      await user.tab();
      await user.keyboard('{Enter}');
      expect(onSubmit).not.toHaveBeenCalled();
    });

    it('with an error › ties the message to the group and marks it invalid', async () => {
      const { container } = renderQuestion(nps, { error: { code: 'required' } });
      const group = screen.getByRole('radiogroup');
      expect(group).toHaveAttribute('aria-invalid', 'true');
      expect(group).toHaveAttribute('data-invalid', '');
      expect(group).toHaveAccessibleDescription(/Please answer this question\./);
      expect(group).toHaveAccessibleErrorMessage('Please answer this question.');
      expect(container.querySelector('[data-part="question"]')).toHaveAttribute('data-invalid', '');
      expect(await axeViolations(container)).toEqual([]);
    });

    it('without an error › renders no error element', () => {
      const { container } = renderQuestion(nps);
      expect(container.querySelector('[data-part="error"]')).toBeNull();
    });

    it('has no axe violations, answered or not', async () => {
      const { container, user } = renderQuestion(nps);
      expect(await axeViolations(container)).toEqual([]);
      await user.click(screen.getByRole('radio', { name: '3' }));
      expect(await axeViolations(container)).toEqual([]);
    });

    it('in Finnish › names the ends in Finnish', () => {
      render(
        <PalauteProvider
          locales={{ fi }}
          backend={createMemoryBackend()}
          customer={{ id: 'c' }}
          locale="fi"
        >
          <NpsQuestion question={nps} value={undefined} onChange={() => {}} />
        </PalauteProvider>,
      );
      expect(screen.getAllByRole('radio')[0]).toHaveAccessibleName(
        '0, En lainkaan todennäköisesti',
      );
    });

    it('with labels in the question › uses them instead of the defaults', () => {
      renderQuestion({ ...nps, labels: { min: 'Never', max: { en: 'Surely', fi: 'Varmasti' } } });
      expect(screen.getAllByRole('radio')[10]).toHaveAccessibleName('10, Surely');
      expect(screen.getByRole('radiogroup')).toHaveAccessibleDescription(/Never/);
    });
  });

  describe('given a star rating', () => {
    it('names each star "N of 5 stars" and fills the stars up to the choice', async () => {
      const { user, container } = renderQuestion(stars, { initial: 3 });
      const radios = screen.getAllByRole('radio');
      expect(radios[2]).toHaveAccessibleName('3 of 5 stars');
      expect(screen.getByRole('radiogroup')).toHaveAttribute('data-display', 'stars');
      const glyphs = () =>
        [...container.querySelectorAll('[data-part="glyph"]')].map((g) => g.textContent).join('');
      expect(glyphs()).toBe('★★★☆☆');
      expect(radios[1]).toHaveAttribute('data-highlighted', '');
      expect(radios[3]).not.toHaveAttribute('data-highlighted');
      await user.tab();
      await user.keyboard('{ArrowRight}');
      expect(glyphs()).toBe('★★★★☆');
      expect(checked()).toHaveAccessibleName('4 of 5 stars');
      expect(await axeViolations(container)).toEqual([]);
    });

    it('marks the title optional and the group not required', () => {
      const { container } = renderQuestion(stars);
      expect(container.querySelector('[data-part="title"]')).toHaveTextContent(
        'Rate the report view (optional)',
      );
      expect(screen.getByRole('radiogroup')).not.toHaveAttribute('aria-required');
    });
  });

  describe('given an emoji CSAT question', () => {
    it('names each face by its text, with the emoji hidden from assistive technology', async () => {
      const { container } = renderQuestion(emoji);
      expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual(
        ['Very bad', 'Bad', 'Neutral', 'Good', 'Very good'],
      );
      for (const glyph of container.querySelectorAll('[data-part="glyph"]'))
        expect(glyph).toHaveAttribute('aria-hidden', 'true');
      expect(await axeViolations(container)).toEqual([]);
    });

    it('spreads a 3-point emoji rating over the worst, middle and best faces', () => {
      renderQuestion({
        id: 'three',
        type: 'rating',
        title: 'Quick rating',
        required: true,
        scale: { min: 1, max: 3 },
        display: 'emoji',
      });
      expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual(
        ['Very bad', 'Neutral', 'Very good'],
      );
    });
  });

  describe('given the per-type components', () => {
    it('RatingQuestion renders the rating scale with the default end labels', () => {
      render(
        <RatingQuestion
          question={{ ...stars, display: 'numbers' }}
          value={undefined}
          onChange={() => {}}
        />,
      );
      expect(screen.getAllByRole('radio')[0]).toHaveAccessibleName('1, Lowest');
      expect(screen.getAllByRole('radio')[4]).toHaveAccessibleName('5, Highest');
    });

    it('a host className replaces the default class', () => {
      const { container } = render(
        <NpsQuestion question={nps} value={undefined} onChange={() => {}} className="mine" />,
      );
      expect(container.firstElementChild).toHaveClass('mine');
      expect(container.firstElementChild).not.toHaveClass('palaute-ScaleQuestion');
    });
  });
});

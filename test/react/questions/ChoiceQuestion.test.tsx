import type { QuestionOf } from '@palaute/engine';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../axe';
import { renderQuestion } from './harness';

const single: QuestionOf<'single'> = {
  id: 'reason',
  type: 'single',
  title: 'What brought you here?',
  description: 'Pick the main reason.',
  required: true,
  options: [
    { id: 'price', label: 'Price' },
    { id: 'features', label: 'Features' },
    { id: 'support', label: 'Support' },
  ],
  other: true,
};

const multiple: QuestionOf<'multiple'> = {
  id: 'used',
  type: 'multiple',
  title: 'Which features do you use?',
  required: false,
  options: [
    { id: 'invoices', label: 'Invoices' },
    { id: 'reports', label: 'Reports' },
    { id: 'payroll', label: 'Payroll' },
  ],
  minSelected: 1,
  maxSelected: 2,
  other: { label: { en: 'Something else', fi: 'Jotain muuta' } },
};

describe('ChoiceQuestion', () => {
  describe('given a single choice', () => {
    it('is a required radio group named by the legend and described by the description', async () => {
      const { container } = renderQuestion(single);
      const group = screen.getByRole('radiogroup', { name: 'What brought you here?' });
      expect(group).toHaveAccessibleDescription('Pick the main reason.');
      expect(group).toHaveAttribute('aria-required', 'true');
      expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
        'price',
        'features',
        'support',
        'other',
      ]);
      expect(screen.getByRole('radio', { name: 'Other' })).toBeInTheDocument();
      expect(await axeViolations(container)).toEqual([]);
    });

    it('when a radio is chosen by Space › answers with its id', async () => {
      const { user, onChange } = renderQuestion(single);
      await user.tab();
      expect(screen.getByRole('radio', { name: 'Price' })).toHaveFocus();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['price'] });
      expect(screen.getByRole('radio', { name: 'Price' })).toBeChecked();
    });

    it('when "Other" is chosen and typed in › reveals a labelled field and answers with the text', async () => {
      const { user, onChange, container } = renderQuestion(single, {
        initial: { selected: ['support'] },
      });
      expect(screen.queryByRole('textbox')).toBeNull();
      await user.click(screen.getByRole('radio', { name: 'Other' }));
      expect(onChange).toHaveBeenLastCalledWith({ selected: [], other: '' });
      const field = screen.getByRole('textbox', { name: 'Your other answer' });
      await user.click(field);
      await user.keyboard('Word of mouth');
      expect(onChange).toHaveBeenLastCalledWith({ selected: [], other: 'Word of mouth' });
      expect(await axeViolations(container)).toEqual([]);
    });

    it('when the customer leaves "Other" by keyboard and comes back › keeps what they typed', async () => {
      const { user, onChange } = renderQuestion(single, {
        initial: { selected: [], other: 'A friend' },
      });
      await user.tab();
      expect(screen.getByRole('radio', { name: 'Other' })).toHaveFocus();
      // Native radios: arrows move and choose, wrapping from the last to the first.
      await user.keyboard('{ArrowDown}');
      expect(screen.getByRole('radio', { name: 'Price' })).toBeChecked();
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['price'] });
      expect(screen.queryByRole('textbox')).toBeNull();
      await user.keyboard('{ArrowUp}');
      expect(screen.getByRole('radio', { name: 'Other' })).toBeChecked();
      expect(onChange).toHaveBeenLastCalledWith({ selected: [], other: 'A friend' });
      await user.tab();
      expect(screen.getByRole('textbox', { name: 'Your other answer' })).toHaveFocus();
      expect(screen.getByRole('textbox')).toHaveValue('A friend');
    });

    it('with options in a display order › shows them in that order', () => {
      renderQuestion(single, {
        options: [
          { id: 'support', label: 'Support' },
          { id: 'price', label: 'Price' },
          { id: 'features', label: 'Features' },
        ],
      });
      expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
        'support',
        'price',
        'features',
        'other',
      ]);
    });

    it('with an error › marks the group invalid and describes it with the message', async () => {
      const { container } = renderQuestion(single, { error: { code: 'required' } });
      const group = screen.getByRole('radiogroup');
      expect(group).toHaveAttribute('aria-invalid', 'true');
      expect(group).toHaveAccessibleDescription(
        'Pick the main reason. Please answer this question.',
      );
      expect(container.firstElementChild?.firstElementChild).toHaveAttribute('data-invalid', '');
      expect(await axeViolations(container)).toEqual([]);
    });

    it('with an empty "Other" error › ties the message to the other field', () => {
      renderQuestion(single, {
        initial: { selected: [], other: '' },
        error: { code: 'otherEmpty' },
      });
      const field = screen.getByRole('textbox', { name: 'Your other answer' });
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription('Please describe your other answer.');
    });
  });

  describe('given a multiple choice with 1 to 2 choices', () => {
    it('is a group of checkboxes described by the hint', async () => {
      const { container } = renderQuestion(multiple);
      const group = screen.getByRole('group', { name: 'Which features do you use? (optional)' });
      expect(group).toHaveAccessibleDescription('Choose 1 to 2.');
      expect(screen.getAllByRole('checkbox')).toHaveLength(4);
      expect(screen.getByRole('checkbox', { name: 'Something else' })).toBeInTheDocument();
      expect(await axeViolations(container)).toEqual([]);
    });

    it('when options are toggled by Space › answers with every chosen id, undefined when none', async () => {
      const { user, onChange } = renderQuestion(multiple);
      await user.tab();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['invoices'] });
      await user.tab();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['invoices', 'reports'] });
      await user.keyboard(' ');
      await user.tab({ shift: true });
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith(undefined);
    });

    it('when "Other" is unchecked and checked again › drops and restores its text, keeping the options', async () => {
      const { user, onChange } = renderQuestion(multiple, { initial: { selected: ['reports'] } });
      const other = screen.getByRole('checkbox', { name: 'Something else' });
      await user.click(other);
      await user.tab();
      await user.keyboard('Exports');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['reports'], other: 'Exports' });
      await user.tab({ shift: true });
      expect(other).toHaveFocus();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['reports'] });
      expect(screen.queryByRole('textbox')).toBeNull();
      await user.keyboard(' ');
      expect(onChange).toHaveBeenLastCalledWith({ selected: ['reports'], other: 'Exports' });
    });

    it('with an error › marks each checkbox invalid and describes the group', () => {
      renderQuestion(multiple, { error: { code: 'tooMany', limit: 2 } });
      expect(screen.getByRole('group')).toHaveAccessibleDescription(
        'Choose 1 to 2. Please choose at most 2.',
      );
      for (const box of screen.getAllByRole('checkbox'))
        expect(box).toHaveAttribute('aria-invalid', 'true');
    });

    it.each([
      [{ minSelected: 2, maxSelected: 2 }, 'Choose 2.'],
      [{ maxSelected: 2 }, 'Choose up to 2.'],
      [{ minSelected: 2 }, 'Choose at least 2.'],
    ])('with bounds %o › hints "%s"', (bounds, hint) => {
      const { minSelected: _min, maxSelected: _max, ...rest } = multiple;
      renderQuestion({ ...rest, ...bounds });
      expect(screen.getByRole('group')).toHaveAccessibleDescription(hint);
    });

    it('without bounds › has no hint', () => {
      const { minSelected: _min, maxSelected: _max, ...rest } = multiple;
      const { container } = renderQuestion(rest);
      expect(container.querySelector('[data-part="hint"]')).toBeNull();
      expect(screen.getByRole('group')).not.toHaveAttribute('aria-describedby');
    });
  });
});

import type { QuestionOf } from '@palaute/engine';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../axe';
import { renderQuestion } from './harness';

const consent: QuestionOf<'consent'> = {
  id: 'contact',
  type: 'consent',
  title: 'May we contact you?',
  label: 'You may email me about this feedback',
  required: true,
};

describe('ConsentQuestion', () => {
  it('is a required checkbox named by its statement and described by the title', async () => {
    const { container } = renderQuestion(consent);
    const box = screen.getByRole('checkbox', { name: 'You may email me about this feedback' });
    expect(box).toHaveAttribute('aria-required', 'true');
    expect(box).toHaveAccessibleDescription('May we contact you?');
    expect(box).not.toBeChecked();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('when Space is pressed › checks and unchecks it', async () => {
    const { user, onChange } = renderQuestion(consent);
    await user.tab();
    expect(screen.getByRole('checkbox')).toHaveFocus();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(true);
    expect(screen.getByRole('checkbox')).toBeChecked();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(false);
  });

  it('when optional › is not required', () => {
    renderQuestion({ ...consent, required: false });
    expect(screen.getByRole('checkbox')).not.toHaveAttribute('aria-required');
  });

  it('with an error › marks it invalid and describes it with the message', async () => {
    const { container } = renderQuestion(consent, { error: { code: 'required' } });
    const box = screen.getByRole('checkbox');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(/Please give your consent to continue\./);
    expect(await axeViolations(container)).toEqual([]);
  });
});

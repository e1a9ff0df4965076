import type { QuestionOf } from '@palaute/engine';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../axe';
import { renderQuestion } from './harness';

const short: QuestionOf<'text'> = {
  id: 'fix',
  type: 'text',
  title: 'What should we fix first?',
  required: true,
  maxLength: 20,
  placeholder: 'e.g. exports',
};

describe('TextQuestion', () => {
  it('given a one-line question › is a required textbox labelled by the title', async () => {
    const { container } = renderQuestion(short);
    const field = screen.getByRole('textbox', { name: 'What should we fix first?' });
    expect(field.tagName).toBe('INPUT');
    expect(field).toHaveAttribute('aria-required', 'true');
    expect(field).toHaveAttribute('placeholder', 'e.g. exports');
    expect(field).toHaveAccessibleDescription('20 characters left');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('given a multiline question › is a textarea', async () => {
    const { container } = renderQuestion({ ...short, multiline: true, required: false });
    const field = screen.getByRole('textbox', { name: 'What should we fix first? (optional)' });
    expect(field.tagName).toBe('TEXTAREA');
    expect(field).not.toHaveAttribute('aria-required');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('when typed in › emits the text, counts down and stops at maxLength', async () => {
    const { user, onChange, container } = renderQuestion(short);
    const field = screen.getByRole('textbox');
    const counter = container.querySelector('[data-part="counter"]');
    await user.click(field);
    await user.keyboard('Exports');
    expect(onChange).toHaveBeenLastCalledWith('Exports');
    expect(counter).toHaveTextContent('13 characters left');
    expect(counter).toHaveAttribute('aria-live', 'off');
    expect(counter).not.toHaveAttribute('data-near-limit');
    await user.keyboard(' are too slow!!!!');
    expect(field).toHaveValue('Exports are too slow');
    expect(counter).toHaveTextContent('0 characters left');
    expect(counter).toHaveAttribute('aria-live', 'polite');
    expect(counter).toHaveAttribute('data-near-limit', '');
  });

  it('when near the limit › starts announcing the counter', async () => {
    const { user, container } = renderQuestion(short, { initial: 'Exports are slo' });
    const counter = container.querySelector('[data-part="counter"]');
    expect(counter).toHaveAttribute('aria-live', 'off');
    await user.click(screen.getByRole('textbox'));
    await user.keyboard('w');
    expect(counter).toHaveTextContent('4 characters left');
    expect(counter).toHaveAttribute('aria-live', 'polite');
  });

  it('when emptied › emits undefined', async () => {
    const { user, onChange } = renderQuestion(short, { initial: 'a' });
    await user.click(screen.getByRole('textbox'));
    await user.keyboard('{Backspace}');
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('with an error › marks the field invalid and describes it with the message', async () => {
    const { container } = renderQuestion(short, { error: { code: 'required' } });
    const field = screen.getByRole('textbox');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('20 characters left Please answer this question.');
    expect(container.querySelector('[data-part="question"]')).toHaveAttribute('data-invalid', '');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('renders markup in texts as text', () => {
    const { container } = renderQuestion({ ...short, title: '<img src=x onerror=alert(1)>' });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('textbox', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
  });
});

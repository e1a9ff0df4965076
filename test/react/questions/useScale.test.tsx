import type { QuestionOf } from '@palaute/engine';
import { useScale } from '@palaute/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../axe';

const ces: QuestionOf<'ces'> = {
  id: 'effort',
  type: 'ces',
  title: 'How easy was it?',
  description: 'Think of your last invoice.',
  required: true,
};

/** Host markup of its own on top of the hook, as a headless user would write it. */
function CustomScale({ onHostKeyDown }: { onHostKeyDown?: (key: string) => boolean }) {
  const [value, setValue] = useState<number | undefined>();
  const scale = useScale({
    question: ces,
    value,
    onChange: (next) => setValue(typeof next === 'number' ? next : undefined),
  });
  return (
    <div>
      <h3 {...scale.getLabelProps()}>How easy was it?</h3>
      <p {...scale.getDescriptionProps()}>Think of your last invoice.</p>
      <div {...scale.getRootProps()}>
        {scale.points.map((point) => (
          <span key={point.value}>
            <button
              {...scale.getItemProps({
                value: point.value,
                onKeyDown: (event) => {
                  if (onHostKeyDown?.(event.key)) event.preventDefault();
                },
              })}
            >
              {point.display}
            </button>
          </span>
        ))}
      </div>
      <span {...scale.getEndLabelProps('min')}>{scale.minLabel}</span>
      <span {...scale.getEndLabelProps('max')}>{scale.maxLabel}</span>
    </div>
  );
}

describe('useScale', () => {
  it('gives any markup the radio group semantics, names and descriptions', async () => {
    const { container } = render(<CustomScale />);
    const group = screen.getByRole('radiogroup', { name: 'How easy was it?' });
    expect(group).toHaveAccessibleDescription(
      'Think of your last invoice. Very difficult Very easy',
    );
    expect(screen.getAllByRole('radio')[0]).toHaveAccessibleName('1, Very difficult');
    expect(screen.getAllByRole('radio')[6]).toHaveAccessibleName('7, Very easy');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('when a host handler prevents the default › skips the built-in key handling', async () => {
    const onHostKeyDown = vi.fn((key: string) => key === 'End');
    const user = userEvent.setup();
    render(<CustomScale onHostKeyDown={onHostKeyDown} />);
    await user.tab();
    await user.keyboard('{End}');
    expect(onHostKeyDown).toHaveBeenCalledWith('End');
    expect(screen.queryByRole('radio', { checked: true })).toBeNull();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { checked: true })).toHaveAccessibleName('2');
    expect(screen.getByRole('radio', { checked: true })).toHaveFocus();
  });
});

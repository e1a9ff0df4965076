import type { AnswerValue, Question, ValidationIssue } from '@palaute/engine';
import { QuestionField } from '@palaute/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { vi } from 'vitest';

interface HostProps {
  question: Question;
  initial: AnswerValue | undefined;
  error: ValidationIssue | undefined;
  dir: 'ltr' | 'rtl' | undefined;
  options: { id: string; label: string }[] | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}

/** A host-style controlled wrapper, with a button after it to tab out to. */
function Host({ question, initial, error, dir, options, onChange }: HostProps) {
  const [value, setValue] = useState<AnswerValue | undefined>(initial);
  return (
    <div dir={dir}>
      <QuestionField
        question={question}
        value={value}
        onChange={(next) => {
          onChange(next);
          setValue(next);
        }}
        error={error}
        options={options}
      />
      <button type="button">After</button>
    </div>
  );
}

/** Renders any question as a host would, recording every `onChange`. */
export function renderQuestion(
  question: Question,
  {
    initial,
    error,
    dir,
    options,
  }: {
    initial?: AnswerValue;
    error?: ValidationIssue;
    dir?: 'ltr' | 'rtl';
    options?: { id: string; label: string }[];
  } = {},
) {
  const onChange = vi.fn<(value: AnswerValue | undefined) => void>();
  const user = userEvent.setup();
  const view = render(
    <Host
      question={question}
      initial={initial}
      error={error}
      dir={dir}
      options={options}
      onChange={onChange}
    />,
  );
  return { ...view, user, onChange };
}

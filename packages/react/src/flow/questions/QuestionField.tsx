import type { Question } from '@palaute/engine';
import { ChoiceQuestion } from './ChoiceQuestion';
import { ConsentQuestion } from './ConsentQuestion';
import type { ChoiceQuestionProps, QuestionProps } from './question.types';
import { ScaleQuestion } from './ScaleQuestion';
import { TextQuestion } from './TextQuestion';

/** Props of {@link QuestionField}: any question, plus the options' display order for choices. */
export interface QuestionFieldProps extends QuestionProps<Question> {
  /** Choice questions only: the options in the order to show them. @default question.options */
  options?: ChoiceQuestionProps['options'];
}

/**
 * Renders any question with the component for its type: {@link ScaleQuestion} for NPS, CSAT, CES and
 * rating, {@link ChoiceQuestion}, {@link TextQuestion} or {@link ConsentQuestion}.
 *
 * @example
 * ```tsx
 * <QuestionField question={question} value={answers[question.id]} onChange={(v) => answer(question.id, v)} />
 * ```
 */
export function QuestionField({ options, ...props }: QuestionFieldProps) {
  const { question } = props;
  switch (question.type) {
    case 'single':
    case 'multiple':
      return <ChoiceQuestion {...props} question={question} options={options} />;
    case 'text':
      return <TextQuestion {...props} question={question} />;
    case 'consent':
      return <ConsentQuestion {...props} question={question} />;
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating':
      return <ScaleQuestion {...props} question={question} />;
  }
}

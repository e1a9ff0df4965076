import type { Question } from '@palaute/engine';
import { ChoiceQuestion } from './ChoiceQuestion';
import { ConsentQuestion } from './ConsentQuestion';
import type { ChoiceQuestionProps, QuestionProps } from './question.types';
import { ScaleQuestion } from './ScaleQuestion';
import { TextQuestion } from './TextQuestion';

/** Renders any question with the component for its type. */
export function QuestionField(
  props: QuestionProps<Question> & Pick<ChoiceQuestionProps, 'options'>,
) {
  const { question } = props;
  switch (question.type) {
    case 'single':
    case 'multiple':
      return <ChoiceQuestion {...props} question={question} />;
    case 'text':
      return <TextQuestion {...props} question={question} />;
    case 'consent':
      return <ConsentQuestion {...props} question={question} />;
    default:
      return <ScaleQuestion {...props} question={question} />;
  }
}

import type { Question } from '@palaute/engine';
import type { ReactNode } from 'react';
import { useLocaleTools } from '../PalauteProvider';

/** Props of the frame every question component shares. */
interface QuestionFrameProps {
  question: Question;
  /** The component's default class, e.g. `palaute-ScaleQuestion`. */
  defaultClassName: string;
  className: string | undefined;
  defaultLocale: string | undefined;
  ids: { title: string; description: string; error: string };
  errorMessage: string | undefined;
  /** `legend` inside a fieldset (choices), `label` for a field (text), else a paragraph. */
  titleAs: 'legend' | 'label' | 'p';
  /** For `label`: the field it labels. */
  htmlFor?: string;
  children: ReactNode;
}

/**
 * The shared markup of a question: its root, title (with an "optional" marker), description and error.
 *
 * @selector [data-part="question"] [data-type] [data-question] [data-invalid]
 */
export function QuestionFrame({
  question,
  defaultClassName,
  className,
  defaultLocale,
  ids,
  errorMessage,
  titleAs,
  htmlFor,
  children,
}: QuestionFrameProps) {
  const { t, text } = useLocaleTools();
  const Root = titleAs === 'legend' ? 'fieldset' : 'div';
  const Title = titleAs;
  return (
    <Root
      className={className ?? defaultClassName}
      data-part="question"
      data-type={question.type}
      data-question={question.id}
      data-invalid={errorMessage ? '' : undefined}
      {...(titleAs === 'legend'
        ? { 'aria-describedby': describedBy(question, ids, errorMessage) }
        : {})}
    >
      <Title id={ids.title} data-part="title" {...(htmlFor ? { htmlFor } : {})}>
        {text(question.title, defaultLocale)}
        {question.required ? null : <span data-part="optional"> ({t('optional')})</span>}
      </Title>
      {question.description ? (
        <p id={ids.description} data-part="description">
          {text(question.description, defaultLocale)}
        </p>
      ) : null}
      {children}
      {errorMessage ? (
        <p id={ids.error} data-part="error">
          {errorMessage}
        </p>
      ) : null}
    </Root>
  );
}

/** The ids that describe a field: its description and, when invalid, its error. */
export function describedBy(
  question: Question,
  ids: { description: string; error: string },
  errorMessage: string | undefined,
  ...more: (string | false | undefined)[]
): string | undefined {
  const list = [question.description && ids.description, ...more, errorMessage && ids.error].filter(
    Boolean,
  );
  return list.length > 0 ? list.join(' ') : undefined;
}

/** Ids for a question's parts, from one `useId()`. */
export function questionIds(id: string) {
  return {
    title: `${id}-title`,
    description: `${id}-description`,
    error: `${id}-error`,
    field: `${id}-field`,
  };
}

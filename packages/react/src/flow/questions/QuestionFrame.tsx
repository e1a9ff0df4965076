import type { Question } from '@palaute/engine';
import type { ReactNode } from 'react';
import { useLocaleTools } from '../../provider/PalauteProvider';
import { partIds } from '../../shared/ids';

/** The ids of a question's parts, from one `useId()`. */
export interface QuestionIds {
  title: string;
  description: string;
  error: string;
  field: string;
}

/** Ids for a question's parts, from one `useId()`. */
export function questionIds(id: string): QuestionIds {
  const { part } = partIds(id);
  return {
    title: part('title'),
    description: part('description'),
    error: part('error'),
    field: part('field'),
  };
}

/** The ids that describe a field, in reading order: its description, any extra ones, its error. */
export function describedBy(
  question: Question,
  ids: Pick<QuestionIds, 'description' | 'error'>,
  errorMessage: string | undefined,
  ...more: (string | false | undefined)[]
): string | undefined {
  const list = [question.description ? ids.description : undefined, ...more];
  if (errorMessage) list.push(ids.error);
  return list.filter(Boolean).join(' ') || undefined;
}

/** Props of {@link QuestionFrame}. */
interface QuestionFrameProps {
  question: Question;
  /** The component's default class, e.g. `palaute-TextQuestion`. */
  defaultClassName: string;
  className: string | undefined;
  defaultLocale: string | undefined;
  ids: QuestionIds;
  errorMessage: string | undefined;
  /** `label` when the title labels the field (text), else a paragraph (consent). */
  titleAs: 'label' | 'p';
  children: ReactNode;
}

/**
 * The markup text and consent questions share: the root, the title (with an "(optional)" marker),
 * the description and the error, which is rendered only when there is one.
 *
 * @selector [data-part="question"] the root, with [data-type], [data-question] and [data-invalid]
 */
export function QuestionFrame({
  question,
  defaultClassName,
  className,
  defaultLocale,
  ids,
  errorMessage,
  titleAs,
  children,
}: QuestionFrameProps) {
  const { t, text } = useLocaleTools();
  const title = (
    <>
      {text(question.title, defaultLocale)}
      {question.required ? null : (
        <>
          {' '}
          <span data-part="optional">({t('optional')})</span>
        </>
      )}
    </>
  );
  return (
    <div
      className={className ?? defaultClassName}
      data-part="question"
      data-type={question.type}
      data-question={question.id}
      data-invalid={errorMessage ? '' : undefined}
    >
      {titleAs === 'label' ? (
        <label id={ids.title} htmlFor={ids.field} data-part="title">
          {title}
        </label>
      ) : (
        <p id={ids.title} data-part="title">
          {title}
        </p>
      )}
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
    </div>
  );
}

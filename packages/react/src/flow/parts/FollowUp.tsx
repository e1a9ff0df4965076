import type { AnswerValue, FollowUp as FollowUpDefinition, ValidationIssue } from '@palaute/engine';
import { type ElementType, forwardRef } from 'react';
import { usePartsLocaleTools } from '../../i18n/parts';
import { QuestionField } from '../questions/QuestionField';
import type { ChoiceQuestionProps } from '../questions/question.types';

/** Props of {@link FollowUp}. */
export interface FollowUpProps {
  /** The follow-up the answers called for. */
  followUp: FollowUpDefinition;
  /** The follow-up question's answer. */
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  error?: ValidationIssue | undefined;
  /** A choice question's options in display order. @default followUp.question's options */
  options?: ChoiceQuestionProps['options'];
  /** The survey's default locale. @default 'en' */
  defaultLocale?: string | undefined;
  /** The heading element. @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Replaces the default `palaute-FollowUp` class. */
  className?: string | undefined;
}

/**
 * The follow-up step: "One more thing" and the follow-up question (e.g. a detractor is asked what to
 * fix first). Its answer joins the same response.
 *
 * @selector [data-follow-up] the follow-up's id
 */
export const FollowUp = /* @__PURE__ */ forwardRef<HTMLHeadingElement, FollowUpProps>(
  function FollowUp(
    { followUp, value, onChange, error, defaultLocale, headingLevel = 'h3', className, options },
    headingRef,
  ) {
    const { t } = usePartsLocaleTools();
    const Heading = headingLevel as ElementType;
    return (
      <div
        className={className ?? 'palaute-FollowUp'}
        data-part="follow-up"
        data-follow-up={followUp.id}
      >
        <Heading ref={headingRef} tabIndex={-1} data-part="title">
          {t('followUpHeading')}
        </Heading>
        <QuestionField
          question={followUp.question}
          value={value}
          onChange={onChange}
          error={error}
          defaultLocale={defaultLocale}
          options={options}
        />
      </div>
    );
  },
);

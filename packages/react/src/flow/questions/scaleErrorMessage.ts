import type { ValidationIssue } from '@palaute/engine';
import type { FirstTranslate } from '../../i18n/messages';

/**
 * The customer-facing message for an issue a scale question can have (no answer, a value off the
 * scale or of the wrong type), with the provider's `t`; `undefined` for any other issue. Only the
 * other question types have those, and their messages (`useErrorMessage`) travel with them in the
 * dialog's parts loaded later, so a page that asks an NPS question loads them after it can show.
 */
export function scaleErrorMessage(
  t: FirstTranslate,
  issue: ValidationIssue | undefined,
): string | undefined {
  switch (issue?.code) {
    case 'required':
      return t('errorRequired');
    case 'outOfRange':
      return t('errorOutOfRange');
    case 'wrongType':
      return t('errorWrongType');
  }
}

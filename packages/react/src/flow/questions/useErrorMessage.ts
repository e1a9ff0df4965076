import type { Question, ValidationIssue } from '@palaute/engine';
import { useLocaleTools } from '../../provider/PalauteProvider';

/** The customer-facing message for a validation issue, in the provider's locale. */
export function useErrorMessage(
  question: Question | null | undefined,
  issue: ValidationIssue | undefined,
): string | undefined {
  const { t } = useLocaleTools();
  if (!issue || !question) return undefined;
  const values = issue.limit === undefined ? {} : { limit: issue.limit };
  switch (issue.code) {
    case 'required':
      return question.type === 'consent' ? t('errorConsentRequired') : t('errorRequired');
    case 'tooLong':
      return t('errorTooLong', values);
    case 'otherEmpty':
      return t('errorOtherEmpty');
    case 'tooFew':
      return t('errorTooFew', values);
    case 'tooMany':
      return t('errorTooMany', values);
    case 'outOfRange':
      return t('errorOutOfRange');
    case 'invalidOption':
      return t('errorInvalidOption');
    case 'wrongType':
      return t('errorWrongType');
  }
}

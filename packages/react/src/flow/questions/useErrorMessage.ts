import type { Question, ValidationIssue } from '@palaute/engine';
import type { MessageKey } from '../../i18n/en';
import { enParts } from '../../i18n/en.parts';
import { format, type ProvidedMessages } from '../../i18n/messages';
import { usePartsLocaleTools } from '../../i18n/parts';
import { withEnglish } from '../../provider/locale';

/** The key of an issue's message: `error` and the issue's code (`tooLong`: `errorTooLong`). */
type ErrorKey = `error${Capitalize<ValidationIssue['code']>}` | 'errorConsentRequired';

/**
 * The message for `issue` of `question` from `messages`, which hold the parts' strings (`enParts`:
 * the messages only the question types beyond a scale need travel with them). An issue code without
 * its message in the catalogue fails to compile (`ErrorKey`).
 */
function messageFor(
  messages: Record<ErrorKey & MessageKey, string>,
  question: Question,
  { code, limit }: ValidationIssue,
): string {
  const key: ErrorKey =
    code === 'required' && question.type === 'consent'
      ? 'errorConsentRequired'
      : (`error${code[0]?.toUpperCase() as Uppercase<string>}${code.slice(1)}` as ErrorKey);
  return format(messages[key], limit === undefined ? {} : { limit });
}

/** The customer-facing message for a validation issue, in the provider's locale. */
export function useErrorMessage(
  question: Question | null | undefined,
  issue: ValidationIssue | undefined,
): string | undefined {
  const { messages } = usePartsLocaleTools();
  return issue && question ? messageFor(messages, question, issue) : undefined;
}

/**
 * {@link useErrorMessage} outside a render (not public): the message for `issue` of `question` over
 * the provider's strings `messages`. The dialog's view, which renders before its parts are there,
 * gets it from them to announce the error of a question type beyond a scale.
 */
export function errorMessageOver(
  messages: ProvidedMessages,
  question: Question,
  issue: ValidationIssue,
): string {
  return messageFor(withEnglish(messages, enParts), question, issue);
}

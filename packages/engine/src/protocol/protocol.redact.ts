import type { TeamAction } from '../feedback/feedback.schema';
import type { DeliveryItem } from '../records/records.schema';
import type { Answers, AnswerValue } from '../survey/survey.schema';

/** Where a free text comes from: its path in the write (`response.answers.why`) and its customer. */
export interface RedactionContext {
  /** The path of the text, e.g. `response.answers.why`, `response.answers.plan.other`, `reply.body`. */
  field: string;
  /** The customer the text is about (absent only for an anonymous follow-up answer). */
  customerId: string | undefined;
}

/**
 * A PII redaction hook: returns the text to store instead (masked e-mail addresses, say). Applied to
 * every free text before anything is stored.
 */
export type Redact = (text: string, context: RedactionContext) => string | Promise<string>;

async function redactAnswer(
  value: AnswerValue | undefined,
  field: string,
  customerId: string | undefined,
  redact: Redact,
): Promise<AnswerValue | undefined> {
  if (typeof value === 'string') return redact(value, { field, customerId });
  if (typeof value === 'object' && value !== null && typeof value.other === 'string')
    return { ...value, other: await redact(value.other, { field: `${field}.other`, customerId }) };
  return value;
}

/**
 * A write with every free text passed through `redact`: text answers and "other" texts of a
 * response or a follow-up answer, and the body of a customer's reply. Other writes carry no free
 * text and come back as they are. Pure apart from the hook.
 */
export async function redactDelivery(
  item: DeliveryItem,
  redact: Redact,
  customerId?: string,
): Promise<DeliveryItem> {
  switch (item.kind) {
    case 'response': {
      const response = item.payload;
      const answers: Answers = {};
      for (const [questionId, value] of Object.entries(response.answers)) {
        const redacted = await redactAnswer(
          value,
          `response.answers.${questionId}`,
          response.customerId,
          redact,
        );
        if (redacted !== undefined) answers[questionId] = redacted;
      }
      return { kind: 'response', payload: { ...response, answers } };
    }
    case 'followUp': {
      const { answer, ...rest } = item.payload;
      const redacted = await redactAnswer(answer, 'followUp.answer', customerId, redact);
      return {
        kind: 'followUp',
        payload: redacted === undefined ? rest : { ...rest, answer: redacted },
      };
    }
    case 'reply':
      return {
        kind: 'reply',
        payload: {
          ...item.payload,
          body: await redact(item.payload.body, {
            field: 'reply.body',
            customerId: item.payload.customerId,
          }),
        },
      };
    case 'idea': {
      const idea = item.payload;
      const context = (field: string) => ({ field, customerId: idea.customerId });
      return {
        kind: 'idea',
        payload: {
          ...idea,
          title: await redact(idea.title, context('idea.title')),
          body: idea.body ? await redact(idea.body, context('idea.body')) : idea.body,
        },
      };
    }
    default:
      return item;
  }
}

/** Whether a team action carries free text (a reply, a reason) that {@link redactTeamAction} would pass to the hook. */
export function hasTeamText(action: TeamAction): boolean {
  return action.type === 'reply.team' || ('reason' in action && typeof action.reason === 'string');
}

/** A team action with its free text (a reply's body, a reason) passed through `redact`. */
export async function redactTeamAction(
  action: TeamAction,
  redact: Redact,
  customerId: string,
): Promise<TeamAction> {
  if (action.type === 'reply.team')
    return {
      ...action,
      reply: {
        ...action.reply,
        body: await redact(action.reply.body, { field: 'action.reply.body', customerId }),
      },
    };
  if ('reason' in action && typeof action.reason === 'string')
    return {
      ...action,
      reason: await redact(action.reason, { field: 'action.reason', customerId }),
    } as TeamAction;
  return action;
}

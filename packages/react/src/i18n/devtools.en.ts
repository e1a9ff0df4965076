/**
 * The English strings of the developer tools (`ExplainPanel`): a catalogue of their own, shipped
 * only by the `@palaute/react/devtools` entry. Overridden through `PalauteProvider`'s `messages`.
 */
export const devtoolsEn = {
  explainLabel: 'Palaute: why surveys show',
  explainNoClient: 'No Palaute client.',
  explainOffered: 'Offered now: {title} ({id}).',
  explainNothingOffered: 'Nothing is offered now.',
  explainHistory: '{count} contacts in the history of customer {customer}.',
  explainWouldOffer: 'would be offered if triggered now',
  explainBlockedUntil: 'blocked until {until}',
  explainBlocked: 'blocked',
  explainRule: 'Rule',
  explainPasses: 'Passes',
  explainWhy: 'Why',
  explainUntil: 'Until',
  explainYes: 'Yes',
  explainNo: 'No',
  ruleOptOut: 'Opt-out',
  ruleSchedule: 'Schedule',
  ruleResponseCap: 'Response cap',
  ruleAudience: 'Audience',
  ruleSample: 'Sample',
  ruleRecontact: 'Recontact',
  ruleSnooze: 'Snooze',
  ruleQuietAfterNegative: 'Quiet after a negative answer',
  ruleAwaitingReply: 'Awaiting a reply',
  ruleUnreadReplies: 'Unread reply',
  ruleBudget: 'Fatigue budget',
  ruleTrigger: 'Trigger',
};

/** A key of the developer tools' strings. */
export type DevtoolsMessageKey = keyof typeof devtoolsEn;
/** The developer tools' strings. */
export type DevtoolsMessages = Record<DevtoolsMessageKey, string>;

/**
 * The English strings only the feedback dialog's parts loaded later use (`flow-parts.js`: the other
 * question types, "Don't ask me again", the delivery note, the impact notices). They travel with
 * those parts (`useLocaleTools` of `./parts`), not with the provider; a registered catalogue (`fi`)
 * and the host's overrides still come first.
 */
export const enParts = {
  optOutQuestion: 'Stop asking you about',
  optOutThisSurvey: 'This survey only',
  optOutAllSurveys: 'All surveys',
  optOutConfirm: 'Stop asking',
  optOutCancel: 'Keep asking',
  optedOutSurvey: "We won't ask you about this survey again.",
  optedOutAll: "We won't ask you about any survey again.",
  optOutUndo: 'Undo',
  optOutUndone: 'Undone. We may ask you again.',
  optOutUndoFailed: 'That could not be undone just now. Please try again.',
  deliveryOffline: "Saved on this device. We'll send it when you're back online.",
  deliveryQueued: "Saved on this device. We couldn't reach our server yet; we'll keep trying.",
  deliverySent: 'Sent.',
  deliveryRejected: 'Saved on this device, but our server could not accept it.',
  other: 'Other',
  otherLabel: 'Your other answer',
  charactersLeft: '{count} characters left',
  choiceHint: 'Choose up to {max}.',
  choiceHintRange: 'Choose {min} to {max}.',
  choiceHintMin: 'Choose at least {min}.',
  choiceHintExact: 'Choose {count}.',
  youSaid: 'You told us',
  weDid: 'What we did',
  shippedOn: 'Shipped {date}',
} as const;

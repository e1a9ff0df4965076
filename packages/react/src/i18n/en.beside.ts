/**
 * The English strings of components beside the feedback dialog (the launcher, the team's replies
 * offered in the product, the pending indicator): neither the dialog nor its parts use them, so
 * they travel with those components (the public `useLocaleTools`), not with the provider.
 */
export const enBeside = {
  launcher: 'Feedback',
  launcherOffered: 'A question is waiting for you.',
  launcherReplies: 'Our team replied to your feedback ({count} new).',
  dismiss: 'No thanks',
  pendingOne: '1 answer waiting to be sent',
  pendingMany: '{count} answers waiting to be sent',
  pendingOfflineOne: '1 answer saved; it will be sent when you are back online',
  pendingOfflineMany: '{count} answers saved; they will be sent when you are back online',
  replyHeading: 'The team replied to your feedback',
  replyFrom: '{name} replied',
  replyReadAndAnswer: 'Read and answer',
} as const;

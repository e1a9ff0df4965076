import { defineSurvey, type JourneyConfigInput } from '@palaute/engine';

/**
 * Laskutin's feedback journey: what it asks, where, and how often. Plain data, validated by
 * `createPalaute` when the app starts.
 */

/** CES right after the customer's first invoice goes out. */
export const firstInvoiceCes = defineSurvey({
  id: 'first-invoice-ces',
  touchpointId: 'first-invoice',
  title: 'Your first invoice is on its way',
  questions: [
    { id: 'ces', type: 'ces', title: 'How easy was it to send your first invoice?' },
    {
      id: 'hardest',
      type: 'text',
      required: false,
      title: 'What was the hardest part?',
    },
  ],
  acknowledgements: [
    { id: 'thanks', title: 'Thank you!', body: 'It helps us make invoicing simpler.' },
  ],
});

/** The relational NPS, asked on the dashboard. */
export const dashboardNps = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend Laskutin to a colleague?' },
    {
      id: 'why',
      type: 'text',
      multiline: true,
      required: false,
      title: 'What is the main reason for your score?',
    },
    {
      id: 'contact',
      type: 'consent',
      title: 'May we contact you about your answer?',
      label: 'Yes, you may contact me about my answer',
    },
  ],
  acknowledgements: [
    {
      id: 'detractor',
      when: [{ question: 'nps', segment: 'detractor' }],
      title: 'Thank you — we hear you.',
      body: 'Our team reads every answer and will get back to you.',
    },
    {
      id: 'thanks',
      title: 'Thank you!',
      body: 'We will tell you here when your feedback leads to a change.',
    },
  ],
});

/** CSAT once a support chat is closed. */
export const supportCsat = defineSurvey({
  id: 'support-csat',
  touchpointId: 'support-chat',
  title: 'How did we do?',
  questions: [
    { id: 'csat', type: 'csat', title: 'How satisfied are you with the help you got?' },
    {
      id: 'contact',
      type: 'consent',
      required: false,
      title: 'May we contact you about your answer?',
      label: 'Yes, you may contact me about my answer',
    },
  ],
  acknowledgements: [
    { id: 'thanks', title: 'Thank you!', body: 'Your answer goes to our support team.' },
  ],
});

/** What the launcher opens when nothing is offered: feedback the customer gives unasked. */
export const generalFeedback = defineSurvey({
  id: 'general',
  touchpointId: 'launcher',
  title: 'Tell us anything',
  questions: [
    { id: 'text', type: 'text', multiline: true, title: 'What is on your mind?' },
    {
      id: 'contact',
      type: 'consent',
      required: false,
      title: 'May we contact you about it?',
      label: 'Yes, you may contact me about this',
    },
  ],
});

/** Every survey, for the journey and for the team's inbox (to show answers with their questions). */
export const surveys = [firstInvoiceCes, dashboardNps, supportCsat, generalFeedback];

export const touchpoints: JourneyConfigInput['touchpoints'] = [
  {
    id: 'first-invoice',
    stage: 'onboard',
    channel: 'inProduct',
    metric: 'ces',
    name: 'First invoice sent',
  },
  { id: 'dashboard', stage: 'use', channel: 'inProduct', metric: 'nps', name: 'Dashboard' },
  { id: 'support-chat', stage: 'use', channel: 'inProduct', metric: 'csat', name: 'Support chat' },
  { id: 'launcher', stage: 'use', channel: 'inProduct', name: 'Feedback button' },
];

export const asks: JourneyConfigInput['asks'] = [
  {
    surveyId: 'first-invoice-ces',
    triggers: [
      { on: 'event', event: 'invoice.sent', where: { key: 'first', op: 'eq', value: true } },
    ],
    recontact: { mode: 'once' },
    priority: 10,
  },
  {
    surveyId: 'support-csat',
    triggers: [{ on: 'event', event: 'support.chatClosed' }],
    recontact: { mode: 'recurring', days: 1 },
    priority: 20,
    // Transactional: asked after every support chat, even right after an unhappy answer (support
    // most needs to hear from exactly those customers).
    quietAfterNegativeDays: 0,
  },
  {
    surveyId: 'dashboard-nps',
    triggers: [{ on: 'touchpoint' }],
    audience: { key: 'signedUpAt', op: 'olderThanDays', days: 30 },
    recontact: { mode: 'recurring', days: 90 },
  },
];

/**
 * Generous for a demo, so the whole journey can be walked through in one sitting; a real product
 * would ask far less often (e.g. one contact in 14 days).
 */
export const policy: NonNullable<JourneyConfigInput['policy']> = {
  budget: { contacts: 5, days: 1 },
  snoozeDays: 7,
};

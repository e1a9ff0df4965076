import type * as React from '@palaute/react';

describe('@palaute/react public surface', () => {
  it('exports exactly these runtime names', async () => {
    expect(Object.keys(await import('@palaute/react')).sort()).toEqual([
      'Acknowledgement',
      'CesQuestion',
      'ChoiceQuestion',
      'ConsentQuestion',
      'CsatQuestion',
      'DeliveryNote',
      'FeedbackDialog',
      'FeedbackForm',
      'FollowUp',
      'ImpactNotice',
      'NpsQuestion',
      'PalauteProvider',
      'PendingIndicator',
      'Progress',
      'QuestionField',
      'RatingQuestion',
      'ScaleQuestion',
      'TextQuestion',
      'builtInMessages',
      'createBrowserOutbox',
      'en',
      'fi',
      'format',
      'resolveMessages',
      'useDeliveryStatus',
      'useErrorMessage',
      'useFeedbackFlow',
      'useLocaleTools',
      'useOnline',
      'useOutboxStatus',
      'usePalaute',
      'useScale',
      'watchPage',
    ]);
  });
});

// The type-only surface: `tsc` fails when one of these names disappears.
type Surface = [
  React.AcknowledgementProps,
  React.BrowserOutboxOptions,
  React.DeliveryNoteProps,
  React.DeliveryState,
  React.DeliveryStatus,
  React.PendingIndicatorProps,
  React.CesQuestionProps,
  React.ChoiceQuestionProps,
  React.ConsentQuestionProps,
  React.CsatQuestionProps,
  React.FeedbackDialogProps,
  React.FeedbackFlow,
  React.FeedbackFormProps,
  React.FlowStorage,
  React.FollowUpProps,
  React.ImpactNoticeProps,
  React.LocaleTools,
  React.MessageKey,
  React.MessageOverrides,
  React.Messages,
  React.NpsQuestionProps,
  React.PalauteContextValue,
  React.PalauteProviderProps,
  React.ProgressProps,
  React.QuestionFieldProps,
  React.QuestionProps,
  React.RatingQuestionProps,
  React.ScaleApi,
  React.ScalePoint,
  React.ScaleQuestionProps,
  React.TextQuestionProps,
  React.Theme,
  React.Translate,
  React.UseFeedbackFlowOptions,
  React.UseScaleProps,
];
it('pins the type-only surface (checked by tsc)', () => {
  const surface: Surface | undefined = undefined;
  expect(surface).toBeUndefined();
});

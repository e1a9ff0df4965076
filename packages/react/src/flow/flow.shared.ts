/**
 * Not a public entry point (no `exports` entry, no types): the modules the flow's lazy parts
 * (`flow.parts.ts`, built whole as `dist/flow-parts.js`) share with the main entry, so the provider's
 * context and the delivery status exist once on a page. The lazy file is built on its own because
 * esbuild, a host's bundler, loads every file the main entry imports before the dialog can show:
 * parts the main entry also exports (`ChoiceQuestion`, `FollowUp`, …) would load with it.
 *
 * @packageDocumentation
 */
export { useDeliveryStatus } from '../delivery/useDelivery';
export { useLocaleTools, usePalaute } from '../provider/PalauteProvider';
export { utcDateFormat } from '../shared/format';
export { describedBy, QuestionFrame, questionIds } from './questions/QuestionFrame';
export { ScaleQuestion } from './questions/ScaleQuestion';
export { useErrorMessage } from './questions/useErrorMessage';

'use client';
/**
 * `@palaute/react/devtools`: tools for the host's developers, kept out of the customer's bundle.
 * `ExplainPanel` shows why each survey would or would not be offered now, rule by rule.
 *
 * @packageDocumentation
 */
export {
  type DevtoolsMessageKey,
  type DevtoolsMessages,
  devtoolsEn,
} from '../i18n/devtools.en';
export { devtoolsFi } from '../i18n/devtools.fi';
export { ExplainPanel, type ExplainPanelProps } from './ExplainPanel';

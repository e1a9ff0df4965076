/**
 * Not a public entry point: what the flow's lazy parts (`flow.parts.ts`, built whole as
 * `dist/flow-parts.js`) share with the main entry, so the provider's context exists once on a page.
 * The built lazy file imports none of it: `loadFlowParts` hands it this module (`bindFlowShared`),
 * because esbuild, a host's bundler, puts every file that both the main entry and a lazy file import
 * in a chunk of its own, loaded before the dialog can show. The build reads this list
 * (`flowShared` in `tsup.config.ts`): keep it to `export { … } from '…';` lines.
 *
 * @packageDocumentation
 */
export { responseKey } from '@palaute/engine';
export { useLocaleTools, usePalaute } from '../provider/PalauteProvider';
export { ScaleQuestion } from './questions/ScaleQuestion';

// A server or build step that only validates definitions: the flow machine must not come along.
import { parseSurvey } from '@palaute/engine';

console.log(parseSurvey({}).success);

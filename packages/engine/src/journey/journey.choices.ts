import type { ContactChoice, Dismissal } from '../records/records.schema';
import { randomId } from '../shared/shared.ids';
import type { Survey } from '../survey/survey.schema';
import type { ContactHistory } from './journey.schema';

/** What an opt-out covers: the one survey it was given on, or every survey. */
export type OptOutScope = 'survey' | 'all';

/** A change the customer makes to whether they may be asked, before it is stamped and sent. */
export type ContactChoiceChange =
  | { scope: 'survey'; surveyId: string; optedOut: boolean }
  | { scope: 'all'; optedOut: boolean };

/** Who may be asked about what: the two opt-out fields of a {@link ContactHistory}. */
export type OptOutState = Pick<ContactHistory, 'optedOutAt' | 'optedOutOf'>;

/** One opt-out the customer stands by, for "Your feedback" to list and turn back on. */
export interface OptOut {
  scope: OptOutScope;
  /** The survey it covers (`scope: 'survey'`). */
  surveyId?: string;
  /** The survey itself, when the client knows it (for its title). */
  survey?: Survey;
  /** When the customer chose it. */
  at: string;
}

/**
 * Applies one choice (an opt-out given with a dismissal, or a {@link ContactChoice}) to the opt-out
 * state, returning a new state. Choices must come in time order: the latest for a scope wins.
 */
export function applyContactChoice(
  state: OptOutState,
  choice: { scope: OptOutScope; surveyId?: string | undefined; optedOut: boolean; at: string },
): OptOutState {
  const optedOutOf = { ...state.optedOutOf };
  let optedOutAt = state.optedOutAt;
  if (choice.scope === 'all') optedOutAt = choice.optedOut ? choice.at : undefined;
  else if (choice.surveyId !== undefined) {
    if (choice.optedOut) optedOutOf[choice.surveyId] = choice.at;
    else delete optedOutOf[choice.surveyId];
  }
  return {
    ...(optedOutAt ? { optedOutAt } : {}),
    ...(Object.keys(optedOutOf).length > 0 ? { optedOutOf } : {}),
  };
}

/** The choice an opt-out dismissal makes: its scope (absent reads `all`), its survey, its time. */
export function choiceOfDismissal(dismissal: Dismissal) {
  return {
    scope: dismissal.optOutScope ?? 'all',
    surveyId: dismissal.surveyId,
    optedOut: true,
    at: dismissal.at,
  } as const;
}

/**
 * The opt-out state from every opt-out dismissal and contact choice of one customer, in time order
 * (ties: a dismissal before a later-recorded choice), so an undo right after an opt-out undoes it.
 */
export function optOutStateOf(
  dismissals: Iterable<Dismissal>,
  choices: Iterable<ContactChoice>,
): OptOutState {
  const events = [
    ...[...dismissals].filter((d) => d.reason === 'optOut').map((d) => choiceOfDismissal(d)),
    ...choices,
  ];
  // A stable sort: equal times keep dismissals first, each list in its stored order.
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return events.reduce<OptOutState>(applyContactChoice, {});
}

/**
 * The opt-outs a customer stands by, newest first, with their surveys when known: what
 * `ContactChoices` lists, each with a way back.
 */
export function selectOptOuts(history: ContactHistory, surveys: readonly Survey[] = []): OptOut[] {
  const byId = new Map(surveys.map((survey) => [survey.id, survey]));
  const list: OptOut[] = Object.entries(history.optedOutOf ?? {}).map(([surveyId, at]) => {
    const survey = byId.get(surveyId);
    return { scope: 'survey', surveyId, at, ...(survey ? { survey } : {}) };
  });
  if (history.optedOutAt) list.push({ scope: 'all', at: history.optedOutAt });
  return list.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/**
 * A {@link ContactChoice} ready to record and send: the change, stamped with a fresh id, the
 * customer and the time.
 */
export function contactChoiceOf(
  customerId: string,
  change: ContactChoiceChange,
  now: Date = new Date(),
  createId: () => string = randomId,
): ContactChoice {
  const base = { id: createId(), customerId, optedOut: change.optedOut, at: now.toISOString() };
  return change.scope === 'all'
    ? { ...base, scope: 'all' }
    : { ...base, scope: 'survey', surveyId: change.surveyId };
}

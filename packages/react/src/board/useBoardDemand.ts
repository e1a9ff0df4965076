import {
  type BoardDemandApi,
  type BoardDemandChoice,
  type BoardTeamPort,
  connectBoardDemand,
  DEMAND_NPS_CHOICES,
  type IdeaKind,
  provideBoardDemand,
} from '@palaute/engine';
import { useEffect, useId, useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { numberFormat } from '../shared/format';
import { useActorRef, useSelector } from '../shared/useActor';
import { useBoardTeamMessages } from './board.messages';

/** A segment the team can choose in the demand view, with its name in the host's words. */
export interface BoardDemandOption extends BoardDemandChoice {
  /** The choice's name (`Enterprise plan`). @default the NPS class's name, else `key: value` */
  label?: string | undefined;
}

/** Options of {@link useBoardDemand}. */
export interface UseBoardDemandOptions {
  /** The board's team side. @default the provider backend's team `board`, when it has one */
  port?: Pick<BoardTeamPort, 'demand'> | undefined;
  /** The segments the team can choose. @default detractors, passives and promoters */
  choices?: readonly BoardDemandOption[] | undefined;
  /** The first choice. @default the first of `choices` */
  choice?: BoardDemandChoice | undefined;
  /** Only ideas or only bug reports (followed when it changes); absent: both. */
  kind?: IdeaKind | undefined;
  /** Ideas listed at most. @default 20 */
  limit?: number | undefined;
  /** Loads again whenever it changes (after the team voted on a customer's behalf or merged). */
  refreshKey?: unknown;
}

/** What {@link useBoardDemand} returns: the engine's view-model, names and formats for the view. */
export interface UseBoardDemandResult extends BoardDemandApi {
  /** The segments the team can choose, each with its name. */
  options: { value: string; label: string; choice: BoardDemandChoice }[];
  /** The chosen segment's option value (`npsClass=detractor`), for a `<select>`. */
  selected: string;
  /** The chosen segment's name (`Detractors`). */
  label: string;
  /** The view's title for the choice ("Ideas most wanted by detractors"). */
  title: string;
  /** A share (0 to 1) as the locale writes a percentage. */
  formatShare(share: number): string;
  /** What a polite live region should say now (how many ideas, once loaded). */
  announcement: string;
  /** Ids that tie the parts together. */
  ids: { title: string; choice: string };
}

const NPS_LABEL = {
  detractor: 'demandDetractors',
  passive: 'demandPassives',
  promoter: 'demandPromoters',
} as const;
const NPS_TITLE = {
  detractor: 'demandTitleDetractors',
  passive: 'demandTitlePassives',
  promoter: 'demandTitlePromoters',
} as const;

const optionValue = (choice: BoardDemandChoice) => `${choice.key}=${choice.value}`;

/**
 * The team's "ideas most wanted by detractors", as a thin hook over the engine's demand machine:
 * the ideas the chosen segment (an NPS class, a plan, any key the votes froze) voted for most,
 * with their voters and the segment's share, the choice's names and an announcement.
 *
 * @example
 * ```tsx
 * const demand = useBoardDemand({ port: team.board });
 * demand.rows.map((row) => <li key={row.idea.id}>{row.idea.title}: {row.wanted}</li>);
 * ```
 */
export function useBoardDemand(options: UseBoardDemandOptions = {}): UseBoardDemandResult {
  const palaute = usePalaute();
  const { t, locale } = useBoardTeamMessages();
  const port =
    options.port ??
    (palaute.backend as { team?: { board?: BoardTeamPort } } | undefined)?.team?.board;
  const latest = useRef({ port, t });
  latest.current = { port, t };
  const logic = useMemo(
    () =>
      provideBoardDemand({
        port: {
          demand: (query) =>
            latest.current.port?.demand
              ? latest.current.port.demand(query)
              : Promise.reject(new Error(latest.current.t('demandUnavailable'))),
        },
      }),
    [],
  );
  const choices: readonly BoardDemandOption[] = options.choices ?? DEMAND_NPS_CHOICES;
  const actor = useActorRef(logic, {
    input: {
      choice: options.choice ?? choices[0],
      kind: options.kind,
      ...(options.limit ? { limit: options.limit } : {}),
    },
  });
  const api = useSelector(actor, (snapshot) => connectBoardDemand(snapshot, actor.send), same);

  // The kind follows the host's (the inbox's kind filter); a refresh key reloads.
  const { kind, refreshKey } = options;
  const lastKey = useRef(refreshKey);
  useEffect(() => {
    if (actor.getSnapshot().context.kind !== kind) actor.send({ type: 'kind.change', kind });
  }, [actor, kind]);
  useEffect(() => {
    if (Object.is(lastKey.current, refreshKey)) return;
    lastKey.current = refreshKey;
    actor.send({ type: 'demand.refresh' });
  });

  const nameOf = (choice: BoardDemandOption) =>
    choice.label ??
    (choice.key === 'npsClass' && choice.value in NPS_LABEL
      ? t(NPS_LABEL[choice.value as keyof typeof NPS_LABEL])
      : `${choice.key}: ${choice.value}`);
  const selected = optionValue(api.choice);
  const chosen = choices.find((choice) => optionValue(choice) === selected);
  const label = nameOf(chosen ?? api.choice);
  const title =
    api.choice.key === 'npsClass' && api.choice.value in NPS_TITLE && !chosen?.label
      ? t(NPS_TITLE[api.choice.value as keyof typeof NPS_TITLE])
      : t('demandTitle', { segment: label });
  const share = useMemo(() => numberFormat(locale, { style: 'percent' }), [locale]);
  const base = useId();
  return {
    ...api,
    options: choices.map((choice) => ({
      value: optionValue(choice),
      label: nameOf(choice),
      choice: { key: choice.key, value: choice.value },
    })),
    selected,
    label,
    title,
    formatShare: share,
    announcement:
      api.state === 'ready'
        ? api.rows.length === 0
          ? t('demandEmpty')
          : t('demandCount', { count: api.rows.length })
        : '',
    ids: { title: `${base}-title`, choice: `${base}-choice` },
  };
}

/** Whether two view-models show the same thing. */
function same(a: BoardDemandApi, b: BoardDemandApi): boolean {
  return (
    a.state === b.state &&
    a.choice === b.choice &&
    a.kind === b.kind &&
    a.rows === b.rows &&
    a.loaded === b.loaded &&
    a.error === b.error
  );
}

import {
  connectInbox,
  createInboxLogic,
  type FeedbackStatus,
  type InboxActor,
  type InboxDraftField,
  type InboxError,
  type InboxErrorField,
  type InboxFilters,
  inboxFilterOptions,
} from '@palaute/engine';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { LoopMessageKey } from '../i18n/loop';
import { useLoopTools } from '../i18n/loop';
import { usePalaute } from '../provider/PalauteProvider';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTimeFormat } from '../shared/useTimeFormat';
import { excerpt, randomId } from '../shared/utils';
import type {
  FeedbackInboxApi,
  InboxFacetFilter,
  InboxFieldProps,
  UseFeedbackInboxOptions,
} from './inbox.types';
import { type InboxWords, itemViewOf, rowOf, TEAM_STATUS, touchpointNameOf } from './inbox.view';

export type * from './inbox.types';

type Focus = 'heading' | 'status' | InboxDraftField;

/** Waits until the actor's work and list are settled, so an intent's promise means it is done. */
const settled = (actor: InboxActor) =>
  new Promise<void>((resolve) => {
    const done = () => {
      const snapshot = actor.getSnapshot();
      return (
        snapshot.status !== 'active' ||
        (snapshot.matches({ work: 'idle' }) && !snapshot.matches({ list: 'loading' }))
      );
    };
    if (done()) return resolve();
    const subscription = actor.subscribe(() => {
      if (!done()) return;
      subscription.unsubscribe();
      resolve();
    });
  });

/**
 * The team's triage inbox: the headless half of {@link FeedbackInbox}, on the engine's inbox
 * machine (`createInboxLogic`). Lists feedback through a `TeamPort` with filters (status,
 * unprocessed first by default; touchpoint; age; segment), flags what is overdue and what a
 * customer answered, opens one item with its answers, history and thread, offers only the status
 * moves the lifecycle allows (a decline needs its reason; "answered" needs a reply; replies need
 * the customer's consent), links chosen items to a shipped change, and shows the loop metrics.
 * Every engine refusal is shown as it is worded. This hook only turns the machine's state into
 * words, ARIA and DOM props, and moves focus where the machine says.
 *
 * @example
 * ```tsx
 * const inbox = useFeedbackInbox({ team: backend.team, by: { kind: 'team', id: 'anna', name: 'Anna' } });
 * inbox.rows.map((row) => <button key={row.id} {...inbox.getRowButtonProps(row)}>{row.excerpt}</button>);
 * ```
 */
export function useFeedbackInbox(options: UseFeedbackInboxOptions): FeedbackInboxApi {
  const { team, by, timeZone, refreshMs = 60_000 } = options;
  const responseTargetHours = options.responseTargetHours ?? 48;
  const { onError, client } = usePalaute();
  const { t, text, locale } = useLoopTools();
  const time = useTimeFormat(timeZone);
  const base = useId();
  const latest = useRef({ onError, createId: options.createId, now: options.now });
  latest.current = { onError, createId: options.createId, now: options.now };
  const [logic] = useState(() =>
    createInboxLogic({
      team,
      by,
      createId: () => (latest.current.createId ?? randomId)(),
      onError: (error, operation) => latest.current.onError?.(error, operation),
    }),
  );
  const actor = useActorRef(logic, {
    input: {
      pageSize: options.pageSize,
      responseTargetHours,
      refreshMs,
      linkLabelDefault: t('changeLinkDefault'),
    },
  });
  const snapshot = useSelector(actor, (state) => state);
  const engine = connectInbox(snapshot, actor.send);

  const number = (value: number) => {
    try {
      return new Intl.NumberFormat(locale).format(value);
    } catch {
      return String(value);
    }
  };
  // Every character but letters, digits and "-" written as "_" and its code: no two ids meet.
  const rowId = (row: string) =>
    `${base}-row-${row.replace(/[^A-Za-z0-9-]/g, (unit) => `_${unit.charCodeAt(0).toString(16)}_`)}`;
  const id = (part: string) => `${base}-${part}`;
  const countOf = (count: number, more: boolean) =>
    more
      ? t('inboxShown', { count })
      : count === 1
        ? t('inboxCountOne')
        : t('inboxCountMany', { count });

  const [announcement, setAnnouncement] = useState('');
  const [confirmation, setConfirmation] = useState<string | undefined>();
  const announce = useCallback((message: string) => {
    // The same words twice must be heard twice: alternate a trailing no-break space.
    setAnnouncement((last) => (last === message ? `${message}\u00a0` : message));
  }, []);
  const focusNext = useRef<Focus | null>(null);
  const focusRow = useRef<string | null>(null);
  const listElement = useRef<HTMLUListElement | null>(null);
  const refs = {
    heading: useRef<HTMLHeadingElement | null>(null),
    status: useRef<HTMLParagraphElement | null>(null),
    reply: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    decline: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    weDid: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    details: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    href: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    linkLabel: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
  };

  // What the machine tells: announced, and focus moved once its target is rendered.
  const words = useRef({ t, countOf, announce });
  words.current = { t, countOf, announce };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are stable objects
  useEffect(() => {
    const subscriptions = [
      actor.on('focus', ({ target }) => {
        focusNext.current = target;
        // A field that is already rendered (a form rule) takes focus at once.
        if (target !== 'heading' && target !== 'status') refs[target].current?.focus();
      }),
      actor.on('list.loaded', ({ count, hasMore }) =>
        words.current.announce(words.current.countOf(count, hasMore)),
      ),
      actor.on('list.paged', ({ added, count, hasMore, focusId }) => {
        const { t } = words.current;
        focusRow.current = focusId ?? null;
        words.current.announce(
          `${added.length === 1 ? t('inboxMoreOne') : t('inboxMoreMany', { count: added.length })} ${words.current.countOf(count, hasMore)}`,
        );
      }),
      actor.on('item.moved', ({ item, action }) => {
        const { t } = words.current;
        setConfirmation(undefined);
        words.current.announce(
          action === 'reply.team'
            ? t('announceTeamReply')
            : t('announceStatus', { status: t(TEAM_STATUS[item.status]) }),
        );
      }),
      actor.on('change.shipped', ({ change }) => {
        const { t } = words.current;
        const count = change.itemIds.length;
        const message = count === 1 ? t('announceShippedOne') : t('announceShippedMany', { count });
        // Said and shown: the confirmation stays in view until the next intent.
        setConfirmation(message);
        words.current.announce(message);
      }),
    ];
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  }, [actor]);

  useEffect(() => {
    const target = focusNext.current;
    if (target) {
      const element = refs[target].current;
      if (element) {
        focusNext.current = null;
        // The item's heading takes focus without scrolling the page: the team keeps its place.
        element.focus(target === 'heading' ? { preventScroll: true } : undefined);
        if (target === 'heading') element.scrollIntoView?.({ block: 'nearest' });
      }
    }
    const row = focusRow.current;
    if (!row) return;
    const element = listElement.current?.ownerDocument.getElementById(rowId(row));
    if (!element) return;
    focusRow.current = null;
    element.focus();
  });

  const nowIso = (latest.current.now ?? (() => new Date()))().toISOString();
  const view: InboxWords = {
    t,
    text,
    ago: time.ago,
    nowIso,
    responseTargetHours,
    surveys: options.surveys ?? client?.surveys,
    touchpoints: options.touchpoints ?? client?.touchpoints,
    resolveCustomer: options.resolveCustomer,
  };
  const rows = engine.items.map((item) => rowOf(view, item, engine.selectedId, engine.checked));
  const itemView = engine.selected ? itemViewOf(view, engine.selected) : undefined;

  const { filters, facets } = engine;
  const filterOptions = inboxFilterOptions({
    facets,
    seenTouchpoints: [
      ...Object.keys(engine.metrics?.byTouchpoint ?? {}),
      ...engine.items.map((item) => item.touchpointId),
    ],
    seenSegments: snapshot.context.seenSegments,
    filters,
    touchpointName: (touchpoint) => touchpointNameOf(view, touchpoint),
    labelOf: (label, count) =>
      count === undefined ? label : t('filterOptionCount', { label, count: number(count) }),
    quote: (value) => t('filterTextValue', { value }),
  });
  const filterNotes: Partial<Record<InboxFacetFilter, string>> = {};
  const notListed = (count: number, one: LoopMessageKey, many: LoopMessageKey) =>
    count === 1 ? t(one) : t(many, { count: number(count) });
  if (facets?.touchpoints.omitted.values)
    filterNotes.touchpointId = notListed(
      facets.touchpoints.omitted.values,
      'filterMoreTouchpointsOne',
      'filterMoreTouchpointsMany',
    );
  if (facets?.omittedSegmentKeys)
    filterNotes.segmentKey = notListed(
      facets.omittedSegmentKeys,
      'filterMoreKeysOne',
      'filterMoreKeysMany',
    );
  const valuesLeft = facets?.segments.find((facet) => facet.key === filters.segmentKey)?.omitted
    .values;
  if (valuesLeft)
    filterNotes.segmentValue = notListed(valuesLeft, 'filterMoreValuesOne', 'filterMoreValuesMany');

  const messageOf = (error: InboxError) =>
    error.code === 'failed' ? t('actionFailed', { message: error.message ?? '' }) : t(error.code);
  const errors: Partial<Record<InboxErrorField, string>> = {};
  for (const [field, error] of Object.entries(engine.errors))
    if (error) errors[field as InboxErrorField] = messageOf(error);
  const errorDescribed = (field: InboxErrorField, ...others: (string | undefined)[]) =>
    [...others, errors[field] ? id(`error-${field}`) : undefined].filter(Boolean).join(' ') ||
    undefined;
  const textField = (
    name: InboxDraftField,
    errorField: InboxErrorField,
    extra: { required?: boolean; describedBy?: string } = {},
  ): InboxFieldProps => ({
    id: id(`field-${name}`),
    ref: refs[name],
    value: engine.drafts[name],
    'aria-invalid': errors[errorField] ? true : undefined,
    'aria-describedby': errorDescribed(errorField, extra.describedBy),
    'aria-required': extra.required ? true : undefined,
    'data-part': 'field',
    onChange: (event) => engine.setDraft(name, event.target.value),
  });
  const intent = (run: () => void) => {
    run();
    return settled(actor);
  };
  const select = (row: string) => {
    setConfirmation(undefined);
    engine.select(row);
  };
  const busy = engine.busy;
  const more = engine.moreState;
  const rowFor = (row: string) => rows.find((candidate) => candidate.id === row);

  return {
    listState: engine.listState,
    rows,
    hasMore: engine.hasMore,
    moreState: more,
    countLabel: countOf(rows.length, engine.hasMore),
    filtered: engine.filtered,
    metrics: engine.metrics,
    metricsState: engine.metricsState,
    responseTargetHours,
    touchpoints: filterOptions.touchpoints.map((option) => option.value),
    touchpointOptions: filterOptions.touchpoints,
    segments: filterOptions.segments,
    filterOptionsFrom: facets ? 'inbox' : 'loaded',
    filterNotes,
    filters,
    setFilter: (name, value) => engine.setFilter(name, value),
    view: itemView,
    awaitingTeam: engine.awaitingTeam,
    confirmation,
    checked: engine.checked,
    busy,
    errors,
    announcement,
    refresh: () => intent(engine.refresh),
    loadMore: () => intent(engine.loadMore),
    select,
    close: () => {
      const last = engine.selectedId;
      engine.close();
      // Back to where the team was in the list.
      if (last) focusRow.current = last;
    },
    toggleChecked: engine.toggleChecked,
    act: (type) => intent(() => engine.move(type)),
    reply: () => intent(engine.reply),
    decline: () => intent(engine.decline),
    shipChange: () => intent(engine.shipChange),
    getAnnouncerProps: () => ({
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': true,
      'data-part': 'announcer',
    }),
    getFiltersProps: () => ({
      role: 'search',
      'aria-label': t('filters'),
      'data-part': 'filters',
      onSubmit: (event) => event.preventDefault(),
    }),
    getFilterProps: (name: keyof InboxFilters) => ({
      id: id(`filter-${name}`),
      value: filters[name],
      'aria-describedby': filterNotes[name as InboxFacetFilter]
        ? id(`filter-note-${name}`)
        : undefined,
      'data-part': 'filter',
      'data-filter': name,
      onChange: (event) => engine.setFilter(name, event.target.value),
    }),
    getFilterLabelProps: (name) => ({ htmlFor: id(`filter-${name}`) }),
    getFilterNoteProps: (name) => ({ id: id(`filter-note-${name}`), 'data-part': 'filter-note' }),
    getCountProps: () => ({ id: id('count'), 'data-part': 'count' }),
    getListProps: () => ({ ref: listElement, 'aria-label': t('inbox'), 'data-part': 'list' }),
    getMoreProps: () => ({
      type: 'button',
      'aria-describedby': id('count'),
      'aria-disabled': more === 'loading' ? true : undefined,
      'data-part': 'more',
      'data-state': more,
      onClick: () => engine.loadMore(),
    }),
    getMoreErrorProps: () => ({ role: 'alert', 'data-part': 'more-error' }),
    getRowProps: ({ id: row }) => {
      const found = rowFor(row);
      return {
        'data-part': 'row',
        'data-state': (found?.item.status ?? 'new') as FeedbackStatus,
        'data-overdue': found?.overdue ? '' : undefined,
        'data-selected': found?.selected ? '' : undefined,
        'data-awaiting': found?.awaitingTeam ? '' : undefined,
      };
    },
    getRowButtonProps: ({ id: row, onClick }) => ({
      id: rowId(row),
      type: 'button',
      'aria-current': row === engine.selectedId ? 'true' : undefined,
      'aria-describedby': `${rowId(row)}-meta`,
      'data-part': 'open',
      onClick: (event) => {
        onClick?.(event);
        if (!event.defaultPrevented) select(row);
      },
    }),
    getRowMetaProps: ({ id: row }) => ({ id: `${rowId(row)}-meta`, 'data-part': 'meta' }),
    getCheckboxProps: ({ id: row }) => {
      const found = rowFor(row);
      return {
        type: 'checkbox',
        checked: engine.checked.includes(row),
        'aria-label': t('selectForChange', { excerpt: found ? excerpt(found.excerpt, 60) : row }),
        'data-part': 'check',
        onChange: () => engine.toggleChecked(row),
      };
    },
    getItemViewProps: () => ({
      'aria-labelledby': id('item-title'),
      'data-part': 'item-view',
      'data-state': itemView?.item.status,
      'data-overdue': itemView?.overdue ? '' : undefined,
    }),
    getItemTitleProps: () => ({
      id: id('item-title'),
      ref: refs.heading,
      tabIndex: -1,
      'data-part': 'item-title',
    }),
    getStatusProps: () => ({
      ref: refs.status,
      tabIndex: -1,
      'data-part': 'status',
      'data-state': itemView?.item.status,
    }),
    getErrorProps: (field) => ({ id: id(`error-${field}`), role: 'alert', 'data-part': 'error' }),
    getActionProps: (action) => ({
      type: 'button',
      disabled: busy || action.blockedBy !== undefined,
      'aria-describedby': errorDescribed(
        'action',
        action.blockedBy ? id(`note-${action.type}`) : undefined,
      ),
      'data-part': 'action',
      'data-action': action.type,
      onClick: () => engine.move(action.type),
    }),
    getActionNoteProps: (action) => ({ id: id(`note-${action.type}`), 'data-part': 'action-note' }),
    getReplyFormProps: () => ({
      noValidate: true,
      'data-part': 'composer',
      onSubmit: (event) => {
        event.preventDefault();
        engine.reply();
      },
    }),
    getReplyLabelProps: () => ({ htmlFor: id('field-reply') }),
    getReplyFieldProps: () => ({
      ...textField('reply', 'reply', { describedBy: id('reply-hint') }),
      disabled: !itemView?.canReply,
    }),
    getReplyHintProps: () => ({ id: id('reply-hint'), 'data-part': 'hint' }),
    getDeclineFormProps: () => ({
      noValidate: true,
      'data-part': 'decline',
      onSubmit: (event) => {
        event.preventDefault();
        engine.decline();
      },
    }),
    getDeclineLabelProps: () => ({ htmlFor: id('field-decline') }),
    getDeclineFieldProps: () => textField('decline', 'decline', { required: true }),
    getChangeFormProps: () => ({
      noValidate: true,
      'aria-labelledby': id('change-title'),
      'data-part': 'change',
      onSubmit: (event) => {
        event.preventDefault();
        setConfirmation(undefined);
        engine.shipChange();
      },
    }),
    getChangeTitleProps: () => ({ id: id('change-title'), 'data-part': 'change-title' }),
    getChangeLabelProps: (field) => ({ htmlFor: id(`field-${field}`) }),
    getChangeFieldProps: (field) => textField(field, field, { required: field === 'weDid' }),
    getChangeSubmitProps: () => ({
      type: 'submit',
      disabled: busy || engine.checked.length === 0,
      'aria-describedby': errorDescribed('change', id('selection')) ?? id('selection'),
      'data-part': 'ship',
    }),
    getSelectionProps: () => ({ id: id('selection'), 'data-part': 'selection' }),
  };
}

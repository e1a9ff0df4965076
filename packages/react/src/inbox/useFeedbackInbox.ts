import {
  connectInbox,
  createInboxLogic,
  type InboxDraftField,
  type InboxError,
  type InboxErrorField,
  keptInboxDrafts,
} from '@palaute/engine';
import { useEffect, useRef, useState } from 'react';
import { useLoopTools } from '../i18n/loop';
import { usePalaute } from '../provider/PalauteProvider';
import { useAnnouncer } from '../shared/Announcer';
import { numberFormat } from '../shared/format';
import { useIds } from '../shared/ids';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTextDrafts } from '../shared/useTextDrafts';
import { useTimeFormat } from '../shared/useTimeFormat';
import { randomId } from '../shared/utils';
import { download, settled, useInboxUrl } from './inbox.dom';
import { inboxPropGetters } from './inbox.props';
import type { FeedbackInboxApi, FieldElement, UseFeedbackInboxOptions } from './inbox.types';
import {
  confirmationOf,
  filterWordsOf,
  type InboxWords,
  itemViewOf,
  movedOf,
  rowOf,
} from './inbox.view';

export type * from './inbox.types';

type Focus = 'heading' | 'status' | InboxDraftField;

/** What the row to focus is set to when the list's count line takes focus instead (no row left). */
const COUNT = Symbol('count');

/**
 * The team's triage inbox: the headless half of {@link FeedbackInbox}, on the engine's inbox
 * machine (`createInboxLogic`). Lists feedback through a `TeamPort` with filters (status,
 * unprocessed first by default; touchpoint; age; segment; a search of what customers wrote; a tag;
 * an assignee), flags what is overdue and what a customer answered, opens one item with its
 * answers, history, thread, tags and assignee, offers only the status moves the lifecycle allows,
 * acts on the ticked items at once (a status move, a tag, an assignee), links items to a shipped
 * change (from the list or the item's own pane), exports the filtered list as CSV, keeps the
 * filters in the URL with `syncUrl`, and shows the loop metrics. This hook only turns the
 * machine's state into words, ARIA and DOM props, and moves focus where the machine says.
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
  const ids = useIds();
  const latest = useRef({ onError, createId: options.createId, now: options.now });
  latest.current = { onError, createId: options.createId, now: options.now };
  const textDrafts = useTextDrafts();
  const [logic] = useState(() =>
    createInboxLogic({
      team,
      by,
      createId: () => (latest.current.createId ?? randomId)(),
      onError: (error, operation) => latest.current.onError?.(error, operation),
      drafts: textDrafts,
      now: () => (latest.current.now ?? (() => new Date()))(),
    }),
  );
  const actor = useActorRef(logic, {
    input: {
      pageSize: options.pageSize,
      responseTargetHours,
      refreshMs,
      linkLabelDefault: t('changeLinkDefault'),
      filters: options.filters,
      keptDrafts: keptInboxDrafts(textDrafts, by.id),
    },
  });
  const snapshot = useSelector(actor, (state) => state);
  const engine = connectInbox(snapshot, actor.send, by);

  const number = numberFormat(locale);
  const rowId = (row: string) => ids.item('row', row);
  const id = ids.part;
  const countOf = (count: number, more: boolean) =>
    more
      ? t('inboxShown', { count })
      : count === 1
        ? t('inboxCountOne')
        : t('inboxCountMany', { count });
  const memberName = (member: string) =>
    engine.memberOptions.find((option) => option.value === member)?.name ?? member;

  const { message: announcement, announce } = useAnnouncer();
  const focusNext = useRef<Focus | null>(null);
  const focusRow = useRef<string | typeof COUNT | null>(null);
  const listElement = useRef<HTMLUListElement | null>(null);
  const countElement = useRef<HTMLParagraphElement | null>(null);
  const refs = {
    heading: useRef<HTMLHeadingElement | null>(null),
    status: useRef<HTMLParagraphElement | null>(null),
    reply: useRef<FieldElement | null>(null),
    decline: useRef<FieldElement | null>(null),
    weDid: useRef<FieldElement | null>(null),
    details: useRef<FieldElement | null>(null),
    href: useRef<FieldElement | null>(null),
    linkLabel: useRef<FieldElement | null>(null),
    itemWeDid: useRef<FieldElement | null>(null),
    itemHref: useRef<FieldElement | null>(null),
    tag: useRef<FieldElement | null>(null),
    search: useRef<FieldElement | null>(null),
    bulkAction: useRef<FieldElement | null>(null),
    bulkValue: useRef<FieldElement | null>(null),
  } satisfies Record<Focus, unknown>;

  // What the machine tells: announced, and focus moved once its target is rendered.
  const words = useRef({ t, countOf, announce, memberName });
  words.current = { t, countOf, announce, memberName };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are stable objects
  useEffect(() => {
    const say = (message: string) => words.current.announce(message);
    const subscriptions = [
      actor.on('focus', ({ target }) => {
        focusNext.current = target;
        // A field that is already rendered (a form rule) takes focus at once.
        if (target !== 'heading' && target !== 'status') refs[target].current?.focus();
      }),
      // Back to the list where the team was: the item's row, the row now in its place, or the
      // list's count when nothing is left in it.
      actor.on('item.closed', ({ focusId }) => {
        focusRow.current = focusId ?? COUNT;
      }),
      actor.on('list.loaded', ({ count, hasMore }) => say(words.current.countOf(count, hasMore))),
      actor.on('list.paged', ({ added, count, hasMore, focusId }) => {
        const { t } = words.current;
        focusRow.current = focusId ?? null;
        say(
          `${added.length === 1 ? t('inboxMoreOne') : t('inboxMoreMany', { count: added.length })} ${words.current.countOf(count, hasMore)}`,
        );
      }),
      actor.on('item.moved', ({ item, draft }) =>
        say(movedOf(words.current.t, item, draft, words.current.memberName)),
      ),
      actor.on('draft.restored', () => say(words.current.t('teamDraftKept'))),
      actor.on('change.shipped', ({ change, scope }) =>
        say(
          confirmationOf(
            words.current.t,
            { type: 'shipped', scope, count: change.itemIds.length },
            words.current.memberName,
          ),
        ),
      ),
      actor.on('bulk.done', () => {
        const confirmation = actor.getSnapshot().context.confirmation;
        if (confirmation)
          say(confirmationOf(words.current.t, confirmation, words.current.memberName));
      }),
      actor.on('csv.ready', ({ csv, count, truncated }) => {
        const { t } = words.current;
        const day = (latest.current.now ?? (() => new Date()))().toISOString().slice(0, 10);
        download(csv, `palaute-inbox-${day}.csv`, listElement.current?.ownerDocument);
        say(truncated ? t('csvTruncated', { count }) : t('csvReady', { count }));
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
    // The count line is there whenever the list pane is, rows or not.
    const count = countElement.current;
    // Through the count's root (the document, or the shadow root a host mounts the inbox in).
    const element =
      row === COUNT
        ? count
        : (count?.getRootNode() as ParentNode | undefined)?.querySelector<HTMLElement>(
            `[id="${rowId(row)}"]`,
          );
    if (!element) return;
    focusRow.current = null;
    element.focus();
  });

  // Saved filters: read from the URL once mounted (SSR-safe), written back on each change.
  useInboxUrl(engine, options);

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
  const { filterOptions, filterNotes } = filterWordsOf(view, engine, {
    number,
    seenSegments: snapshot.context.seenSegments,
  });
  const messageOf = (error: InboxError) =>
    error.code === 'failed' ? t('actionFailed', { message: error.message ?? '' }) : t(error.code);
  const errors: Partial<Record<InboxErrorField, string>> = {};
  for (const [name, error] of Object.entries(engine.errors))
    if (error) errors[name as InboxErrorField] = messageOf(error);
  const intent = (run: () => void) => {
    run();
    return settled(actor);
  };
  const { confirmation } = engine;
  const csvHref = options.csvHref?.(engine.query);

  return {
    listState: engine.listState,
    rows,
    hasMore: engine.hasMore,
    moreState: engine.moreState,
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
    tagOptions: engine.tagOptions,
    memberOptions: engine.memberOptions.map((option) => ({
      value: option.value,
      label:
        option.name === undefined
          ? t('unassigned')
          : option.value === by.id
            ? t('memberMe', { name: option.name })
            : option.name,
    })),
    setFilter: (name, value) => engine.setFilter(name, value),
    setFilters: (next) => engine.setFilters(next),
    view: itemView,
    awaitingTeam: engine.awaitingTeam,
    confirmation: confirmation ? confirmationOf(t, confirmation, memberName) : undefined,
    confirmationFor: confirmation
      ? confirmation.type === 'bulk'
        ? 'bulk'
        : confirmation.scope
      : undefined,
    checked: engine.checked,
    allChecked: engine.allChecked,
    busy: engine.busy,
    exporting: engine.exporting,
    csvHref,
    errors,
    restoredDrafts: engine.restoredDrafts,
    announcement,
    refresh: () => intent(engine.refresh),
    loadMore: () => intent(engine.loadMore),
    select: engine.select,
    close: engine.close,
    toggleChecked: engine.toggleChecked,
    toggleAllChecked: engine.toggleAllChecked,
    act: (type) => intent(() => engine.move(type)),
    reply: () => intent(engine.reply),
    decline: () => intent(engine.decline),
    shipChange: (scope) => intent(() => engine.shipChange(scope)),
    search: () => intent(engine.search),
    addTag: () => intent(engine.addTag),
    removeTag: (tag) => intent(() => engine.removeTag(tag)),
    assign: (assignee) => intent(() => engine.assign(assignee)),
    applyBulk: () => intent(engine.applyBulk),
    exportCsv: engine.exportCsv,
    ...inboxPropGetters({
      engine,
      t,
      id,
      rowId,
      rows,
      itemView,
      errors,
      refs,
      listElement,
      countElement,
      filterNotes,
    }),
  };
}

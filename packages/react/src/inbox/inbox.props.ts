import {
  type FeedbackStatus,
  INBOX_UNASSIGNED,
  type InboxApi,
  type InboxDraftField,
  type InboxErrorField,
  type InboxFilters,
  type ItemDraftField,
} from '@palaute/engine';
import type { RefObject } from 'react';
import type { LoopTools } from '../i18n/loop';
import { announcerProps } from '../shared/Announcer';
import { excerpt } from '../shared/utils';
import type {
  FeedbackInboxApi,
  FieldElement,
  InboxFacetFilter,
  InboxFieldProps,
  InboxItemView,
  InboxRow,
} from './inbox.types';

/** What the prop getters read: the engine's values and intents, words, ids and refs. */
export interface InboxPropsInput {
  engine: InboxApi;
  t: LoopTools['t'];
  /** An id of the inbox's part. */
  id: (part: string) => string;
  /** The id of a row's button. */
  rowId: (row: string) => string;
  rows: InboxRow[];
  itemView: InboxItemView | undefined;
  /** The errors in words, by field. */
  errors: Partial<Record<InboxErrorField, string>>;
  refs: {
    heading: RefObject<HTMLHeadingElement | null>;
    status: RefObject<HTMLParagraphElement | null>;
  } & Record<InboxDraftField, RefObject<FieldElement | null>>;
  listElement: RefObject<HTMLUListElement | null>;
  countElement: RefObject<HTMLParagraphElement | null>;
  /** What a filter's options leave out, in words. */
  filterNotes: Partial<Record<InboxFacetFilter, string>>;
}

/** The prop getters of {@link FeedbackInboxApi}. */
export type InboxPropGetters = Pick<
  FeedbackInboxApi,
  Extract<keyof FeedbackInboxApi, `get${string}`>
>;

/**
 * The DOM props of every part of the inbox (ids, ARIA, handlers) from the engine's state: what
 * `useFeedbackInbox` spreads into its result.
 */
export function inboxPropGetters({
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
}: InboxPropsInput): InboxPropGetters {
  const errorDescribed = (field: InboxErrorField, ...others: (string | undefined)[]) =>
    [...others, errors[field] ? id(`error-${field}`) : undefined].filter(Boolean).join(' ') ||
    undefined;
  const textField = (
    name: InboxDraftField,
    errorField: InboxErrorField,
    extra: { required?: boolean; describedBy?: string | undefined } = {},
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
  /** The note that the field's text was given back, when it was. */
  const keptNote = (field: ItemDraftField) =>
    engine.restoredDrafts.includes(field) ? id(`draft-note-${field}`) : undefined;
  const describedNote = (name: InboxFacetFilter) =>
    filterNotes[name] ? id(`filter-note-${name}`) : undefined;
  const rowFor = (row: string) => rows.find((candidate) => candidate.id === row);
  return {
    getAnnouncerProps: () => announcerProps(),
    getFiltersProps: () => ({
      role: 'search',
      'aria-label': t('filters'),
      'data-part': 'filters',
      // Enter in the search box submits the form: the search.
      onSubmit: (event) => {
        event.preventDefault();
        engine.search();
      },
    }),
    getFilterProps: (name: keyof InboxFilters) => ({
      id: id(`filter-${name}`),
      value: engine.filters[name],
      'aria-describedby':
        name === 'touchpointId' || name === 'segmentKey' || name === 'segmentValue'
          ? describedNote(name)
          : undefined,
      'data-part': 'filter',
      'data-filter': name,
      onChange: (event) => engine.setFilter(name, event.target.value),
    }),
    getFilterLabelProps: (name) => ({ htmlFor: id(`filter-${name}`) }),
    getFilterNoteProps: (name) => ({ id: id(`filter-note-${name}`), 'data-part': 'filter-note' }),
    getCountProps: () => ({
      id: id('count'),
      ref: countElement,
      tabIndex: -1,
      'data-part': 'count',
    }),
    getListProps: () => ({ ref: listElement, 'aria-label': t('inbox'), 'data-part': 'list' }),
    getMoreProps: () => ({
      type: 'button',
      'aria-describedby': id('count'),
      'aria-disabled': engine.moreState === 'loading' ? true : undefined,
      'data-part': 'more',
      'data-state': engine.moreState,
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
        if (!event.defaultPrevented) engine.select(row);
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
      disabled: engine.busy || action.blockedBy !== undefined,
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
      ...textField('reply', 'reply', {
        describedBy: [keptNote('reply'), id('reply-hint')].filter(Boolean).join(' '),
      }),
      disabled: !itemView?.canReply,
    }),
    getDraftNoteProps: (field) => ({ id: id(`draft-note-${field}`), 'data-part': 'resumed' }),
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
    getDeclineFieldProps: () =>
      textField('decline', 'decline', { required: true, describedBy: keptNote('decline') }),
    getChangeFormProps: () => ({
      noValidate: true,
      'aria-labelledby': id('change-title'),
      'data-part': 'change',
      onSubmit: (event) => {
        event.preventDefault();
        engine.shipChange('checked');
      },
    }),
    getChangeTitleProps: () => ({ id: id('change-title'), 'data-part': 'change-title' }),
    getChangeLabelProps: (field) => ({ htmlFor: id(`field-${field}`) }),
    getChangeFieldProps: (field) => textField(field, field, { required: field === 'weDid' }),
    getChangeSubmitProps: () => ({
      type: 'submit',
      disabled: engine.busy || engine.checked.length === 0,
      'aria-describedby': errorDescribed('change', id('selection')) ?? id('selection'),
      'data-part': 'ship',
    }),
    getSelectionProps: () => ({ id: id('selection'), 'data-part': 'selection' }),

    getSearchProps: () => ({
      ...textField('search', 'csv', { describedBy: id('search-hint') }),
      'aria-invalid': undefined,
      'aria-describedby': id('search-hint'),
      type: 'search',
      maxLength: 200,
    }),
    getSearchHintProps: () => ({ id: id('search-hint'), 'data-part': 'hint' }),
    getSearchSubmitProps: () => ({ type: 'submit', 'data-part': 'search' }),
    getCsvProps: () => ({
      type: 'button',
      'aria-disabled': engine.exporting ? true : undefined,
      'aria-describedby': errorDescribed('csv'),
      'data-part': 'csv',
      'data-state': engine.exporting ? 'loading' : 'idle',
      onClick: () => {
        if (!engine.exporting) engine.exportCsv();
      },
    }),
    getCheckAllProps: () => ({
      id: id('check-all'),
      type: 'checkbox',
      checked: engine.allChecked,
      disabled: rows.length === 0,
      'data-part': 'check-all',
      onChange: () => engine.toggleAllChecked(),
    }),
    getCheckAllLabelProps: () => ({ htmlFor: id('check-all') }),
    getTagFormProps: () => ({
      noValidate: true,
      'data-part': 'tag-form',
      onSubmit: (event) => {
        event.preventDefault();
        engine.addTag();
      },
    }),
    getTagLabelProps: () => ({ htmlFor: id('field-tag') }),
    getTagFieldProps: () => ({ ...textField('tag', 'tag'), maxLength: 50 }),
    getTagsProps: () => ({ 'aria-labelledby': id('tags-title'), 'data-part': 'tags' }),
    getTagsTitleProps: () => ({ id: id('tags-title'), 'data-part': 'tags-title' }),
    getTagRemoveProps: (tag) => ({
      type: 'button',
      'aria-label': t('tagRemove', { tag }),
      disabled: engine.busy,
      'data-part': 'tag-remove',
      onClick: () => engine.removeTag(tag),
    }),
    getAssigneeLabelProps: () => ({ htmlFor: id('field-assignee') }),
    getAssigneeProps: () => ({
      id: id('field-assignee'),
      value: itemView?.item.assignee ?? INBOX_UNASSIGNED,
      disabled: engine.busy,
      'aria-invalid': errors.assignee ? true : undefined,
      'aria-describedby': errorDescribed('assignee'),
      'data-part': 'assignee',
      onChange: (event) =>
        engine.assign(event.target.value === INBOX_UNASSIGNED ? null : event.target.value),
    }),
    getBulkFormProps: () => ({
      noValidate: true,
      'aria-labelledby': id('bulk-title'),
      'data-part': 'bulk',
      onSubmit: (event) => {
        event.preventDefault();
        engine.applyBulk();
      },
    }),
    getBulkTitleProps: () => ({ id: id('bulk-title'), 'data-part': 'bulk-title' }),
    getBulkLabelProps: (field) => ({ htmlFor: id(`field-${field}`) }),
    getBulkActionProps: () => ({
      ...textField('bulkAction', 'bulkAction'),
      onChange: (event) => {
        engine.setDraft('bulkAction', event.target.value);
        engine.setDraft('bulkValue', '');
      },
    }),
    getBulkValueProps: () => textField('bulkValue', 'bulkValue'),
    getBulkSubmitProps: () => ({
      type: 'submit',
      disabled: engine.busy || engine.checked.length === 0,
      'aria-describedby': errorDescribed('bulk', id('selection')) ?? id('selection'),
      'data-part': 'bulk-submit',
    }),
    getItemChangeFormProps: () => ({
      noValidate: true,
      'aria-labelledby': id('item-change-title'),
      'data-part': 'item-change',
      onSubmit: (event) => {
        event.preventDefault();
        engine.shipChange('item');
      },
    }),
    getItemChangeTitleProps: () => ({ id: id('item-change-title'), 'data-part': 'change-title' }),
    getItemChangeLabelProps: (field) => ({ htmlFor: id(`field-${field}`) }),
    getItemChangeFieldProps: (field) =>
      textField(field, field, { required: field === 'itemWeDid' }),
    getConfirmationProps: () => ({ 'data-part': 'confirmation' }),
  };
}

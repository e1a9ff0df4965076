import {
  type NpsSegment,
  npsSegment,
  type ScaleDisplay,
  type ScaleQuestion,
  scaleRange,
} from '@palaute/engine';
import { type KeyboardEvent, type MouseEvent, useId } from 'react';
import type { MessageKey } from '../../i18n/en';
import { useLocaleTools } from '../../provider/PalauteProvider';
import type { QuestionProps } from './question.types';
import { scaleErrorMessage } from './scaleErrorMessage';

/** What {@link useScale} takes: a scale question, its value and `onChange`, as every question does. */
export type UseScaleProps = Pick<
  QuestionProps<ScaleQuestion>,
  'question' | 'value' | 'onChange' | 'error' | 'defaultLocale'
>;

/** One point of a scale, ready to render. */
export interface ScalePoint {
  /** The score this point stands for. */
  value: number;
  /** The accessible name: "0, Not at all likely", "7", "3 of 5 stars" or "Good". */
  label: string;
  /** What is shown: the number, a star (★ filled up to the choice, ☆ after it) or an emoji. Decorative. */
  display: string;
  /** Whether this point is the chosen one. */
  checked: boolean;
  /** NPS only: the segment of this score. */
  segment: NpsSegment | undefined;
  /** Stars only: filled, because it is at or below the chosen score. */
  highlighted: boolean;
  /**
   * Emoji only: the face's mood, from 0 (very bad) to 4 (very good), for a face drawn without the
   * host's emoji font (`ScaleQuestion` draws it as inline SVG).
   */
  mood: number | undefined;
}

/** The ids {@link useScale} gives the parts of a scale question. */
export interface ScaleIds {
  title: string;
  description: string;
  min: string;
  max: string;
  error: string;
}

/** Host handlers that {@link ScaleApi.getItemProps} composes with its own: the host's run first. */
export interface ScaleItemHandlers {
  /** Runs before ours; `event.preventDefault()` skips ours. */
  onClick?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Runs before ours; `event.preventDefault()` skips ours. */
  onKeyDown?: ((event: KeyboardEvent<HTMLButtonElement>) => void) | undefined;
}

/** What {@link useScale} returns: values to render and prop getters carrying ARIA, ids and `data-*`. */
export interface ScaleApi {
  /** Every point, lowest first. */
  points: ScalePoint[];
  /** The lowest score. */
  min: number;
  /** The highest score. */
  max: number;
  /** The text under the lowest end ("Not at all likely"), from `question.labels` or the messages. */
  minLabel: string;
  /** The text under the highest end ("Extremely likely"). */
  maxLabel: string;
  /** How the points look. */
  display: ScaleDisplay;
  /** The chosen score, if any. */
  selected: number | undefined;
  /** The validation message to show, in the customer's language. */
  errorMessage: string | undefined;
  /** The ids of the parts. */
  ids: ScaleIds;
  /** The question's title, which names the radio group. */
  getLabelProps: () => { id: string; 'data-part': 'title' };
  /** The question's description, which describes the radio group. */
  getDescriptionProps: () => { id: string; 'data-part': 'description' };
  /** The radio group. */
  getRootProps: () => ScaleRootProps;
  /** One point: a radio button with a roving tab stop. */
  getItemProps: (item: { value: number } & ScaleItemHandlers) => ScaleItemProps;
  /** The visible text under one end of the scale. */
  getEndLabelProps: (end: 'min' | 'max') => { id: string; 'data-part': 'min-label' | 'max-label' };
  /** The validation message; render it only when `errorMessage` is set. */
  getErrorProps: () => { id: string; 'data-part': 'error' };
}

/** Props for the radio group element. */
export interface ScaleRootProps {
  role: 'radiogroup';
  'aria-labelledby': string;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
  'aria-invalid': true | undefined;
  'aria-errormessage': string | undefined;
  'data-part': 'scale';
  'data-display': ScaleDisplay;
  'data-invalid': '' | undefined;
}

/** Props for one point's button. */
export interface ScaleItemProps {
  type: 'button';
  role: 'radio';
  'aria-checked': boolean;
  'aria-label': string;
  tabIndex: 0 | -1;
  'data-part': 'item';
  'data-value': number;
  'data-state': 'checked' | 'unchecked';
  'data-segment': NpsSegment | undefined;
  'data-highlighted': '' | undefined;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** Emoji from worst to best; a scale of fewer points spreads across them. */
const EMOJI = ['😞', '🙁', '😐', '🙂', '😄'] as const;
const EMOJI_LABELS = [
  'emojiVeryBad',
  'emojiBad',
  'emojiNeutral',
  'emojiGood',
  'emojiVeryGood',
] as const satisfies readonly MessageKey[];

const END_LABELS = {
  nps: ['npsMin', 'npsMax'],
  csat: ['csatMin', 'csatMax'],
  ces: ['cesMin', 'cesMax'],
  rating: ['ratingMin', 'ratingMax'],
} as const satisfies Record<ScaleQuestion['type'], readonly [MessageKey, MessageKey]>;

/**
 * Whether the element sits in a right-to-left layout. Read when a key is pressed, never during
 * render, so it is SSR-safe and follows a `dir` the host changes later.
 */
function isRtl(element: HTMLElement): boolean {
  const dir = element.closest('[dir]')?.getAttribute('dir')?.toLowerCase();
  if (dir === 'rtl') return true;
  if (dir === 'ltr') return false;
  return element.ownerDocument.defaultView?.getComputedStyle(element).direction === 'rtl';
}

/**
 * The behaviour of every scale question (NPS, CSAT, CES and rating): a WAI-ARIA APG radio group
 * with a roving tab stop. The chosen point (or the first) is the one tab stop; arrow keys move focus
 * and select, wrapping at the ends (Left and Right swap in right-to-left layouts); Home and End jump
 * to the ends; Space, Enter and click select. The end labels and any error describe the group.
 *
 * @example
 * ```tsx
 * const scale = useScale({ question, value, onChange, error });
 * return (
 *   <div {...scale.getRootProps()}>
 *     {scale.points.map((point) => (
 *       <button key={point.value} {...scale.getItemProps(point)}>
 *         <span aria-hidden="true">{point.display}</span>
 *       </button>
 *     ))}
 *   </div>
 * );
 * ```
 */
export function useScale({
  question,
  value,
  onChange,
  error,
  defaultLocale,
}: UseScaleProps): ScaleApi {
  const { t, text } = useLocaleTools();
  const id = useId();
  const errorMessage = scaleErrorMessage(t, error);
  const { min, max } = scaleRange(question);
  const display: ScaleDisplay =
    question.type === 'csat' || question.type === 'rating'
      ? (question.display ?? 'numbers')
      : 'numbers';
  const [minKey, maxKey] = END_LABELS[question.type];
  const minLabel = question.labels?.min ? text(question.labels.min, defaultLocale) : t(minKey);
  const maxLabel = question.labels?.max ? text(question.labels.max, defaultLocale) : t(maxKey);
  const selected =
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : undefined;
  const ids: ScaleIds = {
    title: `${id}-title`,
    description: `${id}-description`,
    min: `${id}-min`,
    max: `${id}-max`,
    error: `${id}-error`,
  };

  const points: ScalePoint[] = [];
  for (let score = min; score <= max; score++) {
    // Spread the points over the five emoji: 1–5 uses all, 1–3 uses the two ends and the middle.
    const mood = max === min ? 0 : Math.round(((score - min) / (max - min)) * (EMOJI.length - 1));
    const endLabel = score === min ? minLabel : score === max ? maxLabel : undefined;
    const highlighted = display === 'stars' && selected !== undefined && score <= selected;
    points.push({
      value: score,
      label:
        display === 'stars'
          ? t('starPoint', { value: score - min + 1, max: max - min + 1 })
          : display === 'emoji'
            ? t(EMOJI_LABELS[mood] ?? 'emojiNeutral')
            : endLabel
              ? t('scalePointWithLabel', { value: score, label: endLabel })
              : t('scalePoint', { value: score }),
      display:
        display === 'stars'
          ? highlighted
            ? '★'
            : '☆'
          : display === 'emoji'
            ? (EMOJI[mood] ?? '😐')
            : String(score),
      checked: score === selected,
      segment: question.type === 'nps' ? npsSegment(score) : undefined,
      highlighted,
      mood: display === 'emoji' ? mood : undefined,
    });
  }

  const tabStop = selected ?? min;

  const select = (score: number, from: HTMLElement) => {
    if (score !== selected) onChange(score);
    const target = from
      .closest('[role="radiogroup"]')
      ?.querySelector<HTMLElement>(`[role="radio"][data-value="${score}"]`);
    if (target && target !== from) target.focus();
  };

  const onKeyDown = (score: number, event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl =
      event.key === 'ArrowLeft' || event.key === 'ArrowRight' ? isRtl(event.currentTarget) : false;
    const step: number | undefined = {
      ArrowRight: rtl ? -1 : 1,
      ArrowDown: 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowUp: -1,
    }[event.key];
    let next: number | undefined;
    if (step !== undefined) {
      next = score + step;
      if (next > max) next = min;
      if (next < min) next = max;
    } else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else if (event.key === ' ' || event.key === 'Enter') next = score;
    if (next === undefined) return;
    // Enter would otherwise submit the surrounding form; Space would click (and select) twice.
    event.preventDefault();
    select(next, event.currentTarget);
  };

  const describedBy = [
    question.description ? ids.description : undefined,
    ids.min,
    ids.max,
    errorMessage ? ids.error : undefined,
  ]
    .filter(Boolean)
    .join(' ');

  return {
    points,
    min,
    max,
    minLabel,
    maxLabel,
    display,
    selected,
    errorMessage,
    ids,
    getLabelProps: () => ({ id: ids.title, 'data-part': 'title' }),
    getDescriptionProps: () => ({ id: ids.description, 'data-part': 'description' }),
    getRootProps: () => ({
      role: 'radiogroup',
      'aria-labelledby': ids.title,
      'aria-describedby': describedBy || undefined,
      'aria-required': question.required ? true : undefined,
      'aria-invalid': errorMessage ? true : undefined,
      'aria-errormessage': errorMessage ? ids.error : undefined,
      'data-part': 'scale',
      'data-display': display,
      'data-invalid': errorMessage ? '' : undefined,
    }),
    getItemProps: ({ value: score, onClick, onKeyDown: hostKeyDown }) => {
      const point = points[score - min];
      const checked = score === selected;
      return {
        type: 'button',
        role: 'radio',
        'aria-checked': checked,
        'aria-label': point?.label ?? String(score),
        tabIndex: score === tabStop ? 0 : -1,
        'data-part': 'item',
        'data-value': score,
        'data-state': checked ? 'checked' : 'unchecked',
        'data-segment': point?.segment,
        'data-highlighted': point?.highlighted ? '' : undefined,
        onClick: (event) => {
          onClick?.(event);
          if (!event.defaultPrevented) select(score, event.currentTarget);
        },
        onKeyDown: (event) => {
          hostKeyDown?.(event);
          if (!event.defaultPrevented) onKeyDown(score, event);
        },
      };
    },
    getEndLabelProps: (end) => ({ id: ids[end], 'data-part': `${end}-label` }),
    getErrorProps: () => ({ id: ids.error, 'data-part': 'error' }),
  };
}

import { type NpsSegment, npsSegment, type ScaleQuestion, scaleRange } from '@palaute/engine';
import { type KeyboardEvent, useId } from 'react';
import { useLocaleTools } from '../PalauteProvider';
import type { QuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/** One point of a scale, ready to render. */
export interface ScalePoint {
  value: number;
  /** The accessible name, e.g. "0, Not at all likely" or "3 of 5 stars". */
  label: string;
  /** What is shown: the number, a star or an emoji (decorative; the label names it). */
  glyph: string;
  checked: boolean;
  /** NPS only. */
  segment: NpsSegment | undefined;
}

const EMOJI = ['😞', '🙁', '😐', '🙂', '😄'] as const;
const EMOJI_LABELS = [
  'emojiVeryBad',
  'emojiBad',
  'emojiNeutral',
  'emojiGood',
  'emojiVeryGood',
] as const;

/**
 * The behaviour of every scale question (NPS, CSAT, CES, rating): a WAI-ARIA APG radio group with a
 * roving tab stop. Arrow keys move focus and select (swapped in right-to-left layouts), Home and End
 * jump to the ends, Space and Enter select. Returns the points and prop getters carrying ARIA, ids and
 * `data-*`, so any markup can use it.
 *
 * @example
 * ```tsx
 * const scale = useScale({ question, value, onChange });
 * return <div {...scale.getRootProps()}>{scale.points.map((p) => <button key={p.value} {...scale.getItemProps(p)}>{p.glyph}</button>)}</div>;
 * ```
 */
export function useScale({
  question,
  value,
  onChange,
  error,
  defaultLocale,
}: QuestionProps<ScaleQuestion>) {
  const { t, text } = useLocaleTools();
  const id = useId();
  const { min, max } = scaleRange(question);
  const display =
    question.type === 'nps' || question.type === 'ces'
      ? 'numbers'
      : (question.display ?? 'numbers');
  const defaults = {
    nps: ['npsMin', 'npsMax'],
    csat: ['csatMin', 'csatMax'],
    ces: ['cesMin', 'cesMax'],
    rating: ['ratingMin', 'ratingMax'],
  } as const;
  const [minKey, maxKey] = defaults[question.type];
  const minLabel = question.labels?.min ? text(question.labels.min, defaultLocale) : t(minKey);
  const maxLabel = question.labels?.max ? text(question.labels.max, defaultLocale) : t(maxKey);
  const errorMessage = useErrorMessage(question, error);
  const selected = typeof value === 'number' ? value : undefined;
  const ids = {
    title: `${id}-title`,
    description: `${id}-description`,
    min: `${id}-min`,
    max: `${id}-max`,
    error: `${id}-error`,
  };

  const points: ScalePoint[] = [];
  for (let point = min; point <= max; point++) {
    const position =
      max === min ? 0 : Math.round(((point - min) / (max - min)) * (EMOJI.length - 1));
    const end = point === min ? minLabel : point === max ? maxLabel : undefined;
    const label =
      display === 'stars'
        ? t('starPoint', { value: point, max })
        : display === 'emoji'
          ? t(EMOJI_LABELS[position] as (typeof EMOJI_LABELS)[number])
          : end
            ? t('scalePointWithLabel', { value: point, label: end })
            : t('scalePoint', { value: point });
    points.push({
      value: point,
      label,
      glyph:
        display === 'stars'
          ? selected !== undefined && point <= selected
            ? '★'
            : '☆'
          : display === 'emoji'
            ? (EMOJI[position] as string)
            : String(point),
      checked: point === selected,
      segment: question.type === 'nps' ? npsSegment(point) : undefined,
    });
  }

  const focusable = selected ?? min;
  const move = (event: KeyboardEvent<HTMLElement>) => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const current = Number(event.currentTarget.dataset.value);
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 1, ArrowUp: -1 }[
      event.key
    ];
    let next: number | undefined;
    if (step !== undefined)
      next = current + step > max ? min : current + step < min ? max : current + step;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else if (event.key === ' ' || event.key === 'Enter') next = current;
    if (next === undefined) return;
    event.preventDefault();
    onChange(next);
    const group = event.currentTarget.parentElement;
    group?.querySelector<HTMLElement>(`[data-value="${next}"]`)?.focus();
  };

  const describedBy = [
    ids.min,
    ids.max,
    question.description && ids.description,
    errorMessage && ids.error,
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
    errorMessage,
    ids,
    /** The radio group. */
    getRootProps: () => ({
      role: 'radiogroup',
      'aria-labelledby': ids.title,
      'aria-describedby': describedBy,
      'aria-required': question.required || undefined,
      'aria-invalid': errorMessage ? true : undefined,
      'data-part': 'scale',
      'data-display': display,
      'data-invalid': errorMessage ? '' : undefined,
    }),
    /** One point: a radio with a roving tab stop. */
    getItemProps: (point: Pick<ScalePoint, 'value'>) => ({
      type: 'button' as const,
      role: 'radio',
      'aria-checked': point.value === selected,
      'aria-label': points[point.value - min]?.label,
      tabIndex: point.value === focusable ? 0 : -1,
      'data-part': 'item',
      'data-value': point.value,
      'data-state': point.value === selected ? 'checked' : 'unchecked',
      'data-segment': question.type === 'nps' ? npsSegment(point.value) : undefined,
      'data-highlighted':
        display === 'stars' && selected !== undefined && point.value <= selected ? '' : undefined,
      onClick: () => onChange(point.value),
      onKeyDown: move,
    }),
    /** The visible end label ("Not at all likely" / "Extremely likely"). */
    getEndLabelProps: (end: 'min' | 'max') => ({ id: ids[end], 'data-part': `${end}-label` }),
  };
}

import type { Question } from '@palaute/engine';
import { QuestionField } from '@palaute/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

const questions: Question[] = [
  { id: 'n', type: 'nps', title: 'Recommend?', required: true },
  { id: 'c', type: 'csat', title: 'Satisfied?', required: true, display: 'emoji' },
  { id: 'e', type: 'ces', title: 'Easy?', required: true },
  {
    id: 'r',
    type: 'rating',
    title: 'Rate',
    required: false,
    scale: { min: 1, max: 5 },
    display: 'stars',
  },
  {
    id: 's',
    type: 'single',
    title: 'Why?',
    required: true,
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    other: true,
  },
  {
    id: 'm',
    type: 'multiple',
    title: 'Which?',
    required: true,
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    maxSelected: 2,
  },
  { id: 't', type: 'text', title: 'Tell us', required: false, maxLength: 100 },
  { id: 'k', type: 'consent', title: 'Contact?', label: 'Yes, email me', required: false },
];

describe('question components on the server', () => {
  it.each(questions.map((question) => [question.type, question] as const))(
    'given a %s question › renders to a string without a DOM',
    (_type, question) => {
      // The "ssr" project is plain Node; "react18" runs server files in jsdom with React 18.
      expect(typeof window).toBe(process.env.PALAUTE_REACT === '18' ? 'object' : 'undefined');
      const html = renderToString(
        <QuestionField question={question} value={undefined} onChange={() => {}} />,
      );
      expect(html).toContain(`data-type="${question.type}"`);
      expect(html).not.toContain('<style');
    },
  );
});

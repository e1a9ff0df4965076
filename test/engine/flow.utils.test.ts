import {
  type Answers,
  type AnswerValue,
  answersOnPath,
  defineSurvey,
  drawOptionOrder,
  END,
  nextQuestionId,
  normalizeAnswer,
  pickAcknowledgement,
  pickFollowUp,
  plannedPath,
  type Question,
  type ValidationIssue,
  validateAnswer,
} from '@palaute/engine';
import { seededRandom } from '../fixtures/flows';
import { branchingSurvey, everyQuestionSurvey, npsSurvey } from '../fixtures/surveys';

const byType = <T extends Question['type']>(type: T) =>
  everyQuestionSurvey.questions.find((question) => question.type === type) as Extract<
    Question,
    { type: T }
  >;

/** Questions not in the fixtures: optional ones, a required consent, a multiple choice needing two. */
const extra = defineSurvey({
  id: 'extra',
  touchpointId: 'tests',
  title: 'Extra',
  questions: [
    { id: 'optionalNps', type: 'nps', title: 'Recommend?', required: false },
    { id: 'terms', type: 'consent', title: 'Terms', label: 'I agree', required: true },
    {
      id: 'two',
      type: 'multiple',
      title: 'Pick two',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      minSelected: 2,
    },
    { id: 'optionalText', type: 'text', title: 'Anything?', required: false, maxLength: 5 },
  ],
});
const extraQuestion = (id: string) =>
  extra.questions.find((question) => question.id === id) as Question;

describe('validateAnswer', () => {
  type Case = [string, Question, AnswerValue | undefined, ValidationIssue | null];
  const cases: Case[] = [
    // required
    ['a required NPS left blank', byType('nps'), undefined, { code: 'required' }],
    ['a required text of only spaces', byType('text'), '   \n ', { code: 'required' }],
    [
      'a required choice with nothing chosen',
      byType('single'),
      { selected: [] },
      { code: 'required' },
    ],
    ['a required consent not given', extraQuestion('terms'), false, { code: 'required' }],
    ['an optional NPS left blank', extraQuestion('optionalNps'), undefined, null],
    ['an optional text of only spaces', extraQuestion('optionalText'), '  ', null],
    ['an optional consent not given', byType('consent'), false, null],
    ['a required consent given', extraQuestion('terms'), true, null],
    // scales
    ['an NPS of 0', byType('nps'), 0, null],
    ['an NPS of 10', byType('nps'), 10, null],
    ['an NPS of 11', byType('nps'), 11, { code: 'outOfRange' }],
    ['an NPS of -1', byType('nps'), -1, { code: 'outOfRange' }],
    ['an NPS of 3.5', byType('nps'), 3.5, { code: 'outOfRange' }],
    ['a CSAT of 0', byType('csat'), 0, { code: 'outOfRange' }],
    ['a CSAT of 5', byType('csat'), 5, null],
    ['a CES of 8', byType('ces'), 8, { code: 'outOfRange' }],
    ['a CES of 7', byType('ces'), 7, null],
    ['a 1–5 rating of 6', byType('rating'), 6, { code: 'outOfRange' }],
    ['a 1–5 rating of 1', byType('rating'), 1, null],
    ['an NPS answered with text', byType('nps'), '9', { code: 'wrongType' }],
    [
      'a rating answered with a choice',
      byType('rating'),
      { selected: ['a'] },
      { code: 'wrongType' },
    ],
    // text
    ['a text of exactly maxLength', byType('text'), 'x'.repeat(500), null],
    ['a text over maxLength', byType('text'), 'x'.repeat(501), { code: 'tooLong', limit: 500 }],
    ['a text answered with a number', byType('text'), 5, { code: 'wrongType' }],
    // consent
    ['a consent answered with text', byType('consent'), 'yes', { code: 'wrongType' }],
    // single choice
    ['a single choice of one option', byType('single'), { selected: ['owner'] }, null],
    [
      'a single choice of "other" with text',
      byType('single'),
      { selected: [], other: 'CFO' },
      null,
    ],
    [
      'a single choice of two options',
      byType('single'),
      { selected: ['owner', 'assistant'] },
      { code: 'tooMany', limit: 1 },
    ],
    [
      'a single choice of an option and "other"',
      byType('single'),
      { selected: ['owner'], other: 'CFO' },
      { code: 'tooMany', limit: 1 },
    ],
    [
      'a single choice of an unknown option',
      byType('single'),
      { selected: ['ceo'] },
      { code: 'invalidOption' },
    ],
    [
      'a single choice with "other" left blank',
      byType('single'),
      { selected: [], other: '  ' },
      { code: 'otherEmpty' },
    ],
    [
      'a single choice with an "other" text over 1000 characters',
      byType('single'),
      { selected: [], other: 'x'.repeat(1001) },
      { code: 'tooLong', limit: 1000 },
    ],
    ['a single choice answered with a number', byType('single'), 2, { code: 'wrongType' }],
    // multiple choice
    [
      'a multiple choice within its bounds',
      byType('multiple'),
      { selected: ['invoices', 'reports'] },
      null,
    ],
    [
      'a multiple choice over maxSelected, "other" included',
      byType('multiple'),
      { selected: ['invoices', 'reports', 'payroll'], other: 'Travel' },
      { code: 'tooMany', limit: 3 },
    ],
    [
      'a multiple choice under minSelected',
      extraQuestion('two'),
      { selected: ['a'] },
      { code: 'tooFew', limit: 2 },
    ],
    [
      'a multiple choice with the same option twice',
      byType('multiple'),
      { selected: ['invoices', 'invoices'] },
      { code: 'invalidOption' },
    ],
    [
      'a multiple choice with "other" where none is offered',
      extraQuestion('two'),
      { selected: ['a', 'b'], other: 'D' },
      { code: 'invalidOption' },
    ],
    ['a multiple choice answered with true', byType('multiple'), true, { code: 'wrongType' }],
  ];

  it.each(cases)('given %s › the issue is %o', (_, question, value, issue) => {
    expect(validateAnswer(question, value)).toEqual(issue);
  });

  it('covers every issue code', () => {
    const codes = new Set(cases.flatMap(([, , , issue]) => (issue ? [issue.code] : [])));
    expect([...codes].sort()).toEqual(
      [
        'invalidOption',
        'otherEmpty',
        'outOfRange',
        'required',
        'tooFew',
        'tooLong',
        'tooMany',
        'wrongType',
      ].sort(),
    );
  });
});

describe('normalizeAnswer', () => {
  it('treats blank text and an empty choice as no answer', () => {
    expect(normalizeAnswer('')).toBeUndefined();
    expect(normalizeAnswer(' \n\t ')).toBeUndefined();
    expect(normalizeAnswer({ selected: [] })).toBeUndefined();
    expect(normalizeAnswer(undefined)).toBeUndefined();
  });

  it('trims the text it keeps', () => {
    expect(normalizeAnswer('  Faster exports \n')).toBe('Faster exports');
  });

  it('keeps a choice with only "other", even blank, so validation can flag it', () => {
    expect(normalizeAnswer({ selected: [], other: '' })).toEqual({ selected: [], other: '' });
  });

  it('keeps numbers (0 included) and booleans (false included) as they are', () => {
    expect(normalizeAnswer(0)).toBe(0);
    expect(normalizeAnswer(false)).toBe(false);
    expect(normalizeAnswer({ selected: ['a'] })).toEqual({ selected: ['a'] });
  });
});

describe('nextQuestionId', () => {
  describe('given the NPS survey', () => {
    it('when the score is a promoter’s › the branch skips "why" and ends', () => {
      expect(nextQuestionId(npsSurvey, 'nps', { nps: 9 })).toBe(END);
    });
    it('when the score is a detractor’s › no branch matches and "why" follows', () => {
      expect(nextQuestionId(npsSurvey, 'nps', { nps: 6 })).toBe('why');
    });
    it('when the last question is answered › the survey ends', () => {
      expect(nextQuestionId(npsSurvey, 'why', { nps: 6, why: 'Slow' })).toBe(END);
    });
    it('when the question id is unknown › the survey ends', () => {
      expect(nextQuestionId(npsSurvey, 'nope', {})).toBe(END);
    });
  });

  describe('given a single choice that routes by option', () => {
    it.each<[AnswerValue, string]>([
      [{ selected: ['invoicing'] }, 'invoicing'],
      [{ selected: ['payroll'] }, 'payroll'],
      [{ selected: [], other: 'Taxes' }, END],
    ])('when %o is chosen › goes to %s', (answer, next) => {
      expect(nextQuestionId(branchingSurvey, 'topic', { topic: answer })).toBe(next);
    });

    it('when a branch skips ahead › the question after the target follows the target', () => {
      expect(nextQuestionId(branchingSurvey, 'invoicing', { invoicing: 5 })).toBe('overall');
      expect(nextQuestionId(branchingSurvey, 'payroll', { payroll: 5 })).toBe('overall');
    });

    it('tests a blank answer as no answer', () => {
      // "answered: true" must not match an answer of only spaces.
      const survey = defineSurvey({
        id: 's',
        touchpointId: 't',
        title: 'T',
        questions: [
          {
            id: 'why',
            type: 'text',
            title: 'Why?',
            required: false,
            branches: [{ when: { answered: true }, to: 'end' }],
          },
          { id: 'last', type: 'nps', title: 'NPS' },
        ],
      });
      expect(nextQuestionId(survey, 'why', { why: '   ' })).toBe('last');
      expect(nextQuestionId(survey, 'why', { why: 'Because' })).toBe(END);
    });
  });
});

describe('plannedPath', () => {
  it('given nothing answered › follows the default route to the end', () => {
    expect(plannedPath(branchingSurvey, ['topic'], {})).toEqual([
      'topic',
      'invoicing',
      'payroll',
      'overall',
    ]);
  });

  it('given a routing answer › follows the branch', () => {
    expect(plannedPath(branchingSurvey, ['topic'], { topic: { selected: ['payroll'] } })).toEqual([
      'topic',
      'payroll',
      'overall',
    ]);
    expect(
      plannedPath(branchingSurvey, ['topic'], { topic: { selected: ['invoicing'] }, invoicing: 3 }),
    ).toEqual(['topic', 'invoicing', 'overall']);
  });

  it('given an answer that ends the survey › stops at the visited questions', () => {
    expect(plannedPath(npsSurvey, ['nps'], { nps: 10 })).toEqual(['nps']);
    expect(
      plannedPath(branchingSurvey, ['topic'], { topic: { selected: [], other: 'x' } }),
    ).toEqual(['topic']);
  });

  it('keeps the visited questions as they are and plans from the last', () => {
    expect(plannedPath(npsSurvey, ['nps', 'why'], { nps: 3 })).toEqual(['nps', 'why']);
  });
});

describe('answersOnPath', () => {
  it('drops answers to questions a changed branch skipped', () => {
    // The customer chose invoicing and answered it, went back and switched to payroll.
    const answers: Answers = {
      topic: { selected: ['payroll'] },
      invoicing: 2,
      payroll: 4,
      overall: 5,
    };
    expect(answersOnPath(answers, ['topic', 'payroll', 'overall'])).toEqual({
      topic: { selected: ['payroll'] },
      payroll: 4,
      overall: 5,
    });
  });

  it('drops blank answers and normalizes the rest', () => {
    expect(answersOnPath({ nps: 3, why: '  ' }, ['nps', 'why'])).toEqual({ nps: 3 });
    expect(answersOnPath({ nps: 3, why: ' Slow ' }, ['nps', 'why'])).toEqual({
      nps: 3,
      why: 'Slow',
    });
  });

  it('ignores path entries without an answer', () => {
    expect(answersOnPath({}, ['nps', 'why'])).toEqual({});
  });
});

describe('pickAcknowledgement', () => {
  it.each([
    [3, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)(
    'given an NPS question › when the score is %i › the %s acknowledgement is chosen',
    (score, id) => {
      expect(pickAcknowledgement(npsSurvey, { nps: score })?.id).toBe(id);
    },
  );

  it('given no score › falls through to the default, listed last', () => {
    expect(pickAcknowledgement(npsSurvey, {})?.id).toBe('default');
  });

  it('picks the first match in order, so a catch-all listed first wins over later ones', () => {
    const survey = defineSurvey({
      ...npsSurvey,
      acknowledgements: [{ id: 'first', title: 'First' }, ...(npsSurvey.acknowledgements ?? [])],
    });
    expect(pickAcknowledgement(survey, { nps: 3 })?.id).toBe('first');
  });

  it('given a survey without acknowledgements › is undefined', () => {
    const { acknowledgements: _, ...survey } = npsSurvey;
    expect(pickAcknowledgement(survey, { nps: 3 })).toBeUndefined();
  });
});

describe('pickFollowUp', () => {
  it('given a detractor › the "fix first" follow-up is chosen', () => {
    expect(pickFollowUp(npsSurvey, { nps: 2 })?.question).toMatchObject({
      id: 'fixFirst',
      title: 'What should we fix first?',
    });
  });

  it.each([7, 9, undefined])('given a score of %s › no follow-up is chosen', (score) => {
    expect(pickFollowUp(npsSurvey, score === undefined ? {} : { nps: score })).toBeUndefined();
  });

  it('picks the first follow-up whose conditions all hold', () => {
    const survey = defineSurvey({
      ...npsSurvey,
      followUps: [
        {
          id: 'very-low',
          when: [
            { question: 'nps', score: { max: 2 } },
            { question: 'why', answered: false },
          ],
          question: { id: 'callBack', type: 'consent', title: 'Call?', label: 'Call me' },
        },
        ...(npsSurvey.followUps ?? []),
      ],
    });
    expect(pickFollowUp(survey, { nps: 1 })?.id).toBe('very-low');
    expect(pickFollowUp(survey, { nps: 1, why: 'Bugs' })?.id).toBe('fix-first');
    expect(pickFollowUp(survey, { nps: 5 })?.id).toBe('fix-first');
  });
});

describe('drawOptionOrder', () => {
  it('orders only the questions with randomize', () => {
    expect(Object.keys(drawOptionOrder(everyQuestionSurvey, seededRandom(1)))).toEqual(['role']);
    expect(drawOptionOrder(npsSurvey, seededRandom(1))).toEqual({});
  });

  it('given the same seed › draws the same order', () => {
    expect(drawOptionOrder(everyQuestionSurvey, seededRandom(7))).toEqual(
      drawOptionOrder(everyQuestionSurvey, seededRandom(7)),
    );
  });

  it('draws a permutation of the option ids, and every permutation for some seed', () => {
    const ids = ['owner', 'accountant', 'assistant'];
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const order = drawOptionOrder(everyQuestionSurvey, seededRandom(seed)).role ?? [];
      expect([...order].sort()).toEqual([...ids].sort());
      seen.add(order.join(','));
    }
    expect(seen.size).toBe(6);
  });

  it('given random() always 0 › applies Fisher–Yates exactly (each step swaps with index 0)', () => {
    // i=2 swaps 2↔0: [assistant, accountant, owner]; i=1 swaps 1↔0: [accountant, assistant, owner].
    expect(drawOptionOrder(everyQuestionSurvey, () => 0)).toEqual({
      role: ['accountant', 'assistant', 'owner'],
    });
  });

  it('orders randomized follow-up questions too', () => {
    const survey = defineSurvey({
      ...npsSurvey,
      followUps: [
        {
          id: 'area',
          when: [{ question: 'nps', answered: true }],
          question: {
            id: 'area',
            type: 'single',
            title: 'Which area?',
            options: [
              { id: 'x', label: 'X' },
              { id: 'y', label: 'Y' },
            ],
            randomize: true,
          },
        },
      ],
    });
    expect(drawOptionOrder(survey, () => 0)).toEqual({ area: ['y', 'x'] });
  });
});

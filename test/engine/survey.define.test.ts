import {
  defineSurvey,
  getSurveyJsonSchema,
  type ParseSurveyResult,
  parseSurvey,
  type SurveyInput,
  ValidationError,
} from '@palaute/engine';
import { seededRandom } from '../fixtures/flows';
import {
  branchingSurvey,
  everyQuestionSurvey,
  finnishSurvey,
  longTextSurvey,
  npsSurvey,
} from '../fixtures/surveys';

/** The smallest valid definition; cases spread it and replace what they test. */
const base = {
  id: 'base',
  touchpointId: 'dashboard',
  title: 'Quick question',
  questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' }],
} satisfies SurveyInput;

const options = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
  { id: 'c', label: 'C' },
];

/** The problems of a definition that must be refused. */
function problemsOf(input: unknown) {
  const result = parseSurvey(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.problems;
}

describe('defineSurvey', () => {
  describe('given a minimal valid definition', () => {
    const survey = defineSurvey({
      ...base,
      questions: [
        { id: 'nps', type: 'nps', title: 'Recommend?' },
        { id: 'rating', type: 'rating', title: 'Rate', scale: { max: 5 } },
        { id: 'why', type: 'text', title: 'Why?' },
        { id: 'contact', type: 'consent', title: 'Contact?', label: 'You may contact me' },
      ],
    });

    it('fills in version 1 and the default locale "en"', () => {
      expect(survey.version).toBe(1);
      expect(survey.defaultLocale).toBe('en');
    });

    it('makes questions required, except consent which defaults to optional', () => {
      expect(survey.questions.map((question) => [question.id, question.required])).toEqual([
        ['nps', true],
        ['rating', true],
        ['why', true],
        ['contact', false],
      ]);
    });

    it('gives text questions a maxLength of 1000 and rating scales a min of 1', () => {
      const [, rating, text] = survey.questions;
      expect(rating).toMatchObject({ type: 'rating', scale: { min: 1, max: 5 } });
      expect(text).toMatchObject({ type: 'text', maxLength: 1000 });
    });

    it('keeps values given explicitly instead of the defaults', () => {
      const explicit = defineSurvey({
        ...base,
        version: 3,
        defaultLocale: 'fi',
        questions: [
          { id: 'why', type: 'text', title: 'Why?', required: false, maxLength: 20 },
          { id: 'ok', type: 'consent', title: 'OK?', label: 'Yes', required: true },
        ],
      });
      expect(explicit).toMatchObject({
        version: 3,
        defaultLocale: 'fi',
        questions: [
          { id: 'why', required: false, maxLength: 20 },
          { id: 'ok', required: true },
        ],
      });
    });
  });

  describe('given the shared fixtures', () => {
    it.each([
      ['npsSurvey', npsSurvey],
      ['everyQuestionSurvey', everyQuestionSurvey],
      ['finnishSurvey', finnishSurvey],
      ['longTextSurvey', longTextSurvey],
      ['branchingSurvey', branchingSurvey],
    ])('%s › survives a JSON round-trip through parseSurvey unchanged', (_, survey) => {
      expect(parseSurvey(JSON.parse(JSON.stringify(survey)))).toEqual({ success: true, survey });
    });

    it('everyQuestionSurvey › has one question of every type', () => {
      expect(everyQuestionSurvey.questions.map((question) => question.type)).toEqual([
        'nps',
        'csat',
        'ces',
        'rating',
        'single',
        'multiple',
        'text',
        'consent',
      ]);
    });
  });

  describe('given an invalid definition', () => {
    it('throws a ValidationError whose problems and message name the path', () => {
      const input = {
        ...base,
        questions: [
          { id: 'nps', type: 'nps', title: 'Recommend?' },
          { id: 'why', type: 'text', title: 'Why?' },
          { id: 'stars', type: 'rating', title: 'Rate', scale: { min: 5, max: 3 } },
        ],
      } satisfies SurveyInput;
      let caught: unknown;
      try {
        defineSurvey(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const error = caught as ValidationError;
      expect(error.name).toBe('ValidationError');
      expect(error.subject).toBe('survey definition');
      expect(error.problems).toEqual([
        { path: 'questions[2].scale.max', message: 'must be ≥ min' },
      ]);
      expect(error.message).toBe(
        'Invalid survey definition (1 problem):\n  questions[2].scale.max: must be ≥ min',
      );
    });

    it('lists every problem at once, in document order, and counts them in the message', () => {
      const error = (parseSurvey({}) as Extract<ParseSurveyResult, { success: false }>).error;
      expect(error.problems).toEqual([
        { path: 'id', message: 'is required (string)' },
        { path: 'touchpointId', message: 'is required (string)' },
        { path: 'title', message: 'must be a string or an object, got undefined' },
        { path: 'questions', message: 'is required (array)' },
      ]);
      expect(error.message).toBe(
        [
          'Invalid survey definition (4 problems):',
          '  id: is required (string)',
          '  touchpointId: is required (string)',
          '  title: must be a string or an object, got undefined',
          '  questions: is required (array)',
        ].join('\n'),
      );
    });

    it('reports cross-field problems together with shape problems of other fields', () => {
      expect(
        problemsOf({
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A' },
            { id: 'a', type: 'text', title: 'B' },
            { id: 'c', type: 'single', title: 'C', options: [...options, { id: 'a', label: 'A' }] },
          ],
        }),
      ).toEqual([
        { path: 'questions[1].id', message: 'duplicate question id "a"' },
        { path: 'questions[2].options[3].id', message: 'duplicate option id "a"' },
      ]);
    });

    // Each case: a definition, and exactly the problems (path and message) it must be refused with.
    const cases: Array<[string, unknown, Array<{ path: string; message: string }>]> = [
      ['null', null, [{ path: '', message: 'must be an object, got null' }]],
      ['a number', 42, [{ path: '', message: 'must be an object, got number' }]],
      ['a string', 'x', [{ path: '', message: 'must be an object, got string' }]],
      ['an array', [], [{ path: '', message: 'must be an object, got array' }]],
      [
        'a rating scale whose max is below its min',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A' },
            { id: 'b', type: 'text', title: 'B' },
            { id: 'c', type: 'rating', title: 'C', scale: { min: 5, max: 3 } },
          ],
        },
        [{ path: 'questions[2].scale.max', message: 'must be ≥ min' }],
      ],
      [
        'a rating scale of more than 11 points',
        { ...base, questions: [{ id: 'c', type: 'rating', title: 'C', scale: { max: 20 } }] },
        [{ path: 'questions[0].scale.max', message: 'the scale must have 2 to 11 points' }],
      ],
      [
        'a rating scale of one point',
        {
          ...base,
          questions: [{ id: 'c', type: 'rating', title: 'C', scale: { min: 3, max: 3 } }],
        },
        [{ path: 'questions[0].scale.max', message: 'the scale must have 2 to 11 points' }],
      ],
      [
        'a fractional rating scale',
        { ...base, questions: [{ id: 'c', type: 'rating', title: 'C', scale: { max: 4.5 } }] },
        [{ path: 'questions[0].scale.max', message: 'must be an int, got number' }],
      ],
      [
        'an emoji rating of more than 5 points',
        {
          ...base,
          questions: [
            { id: 'c', type: 'rating', title: 'C', scale: { max: 10 }, display: 'emoji' },
          ],
        },
        [{ path: 'questions[0].display', message: 'emoji scales have 5 points at most' }],
      ],
      [
        'a duplicate question id',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A' },
            { id: 'a', type: 'text', title: 'B' },
          ],
        },
        [{ path: 'questions[1].id', message: 'duplicate question id "a"' }],
      ],
      [
        'a duplicate option id',
        {
          ...base,
          questions: [
            {
              id: 'q',
              type: 'single',
              title: 'Q',
              options: [
                { id: 'x', label: 'X' },
                { id: 'x', label: 'Y' },
              ],
            },
          ],
        },
        [{ path: 'questions[0].options[1].id', message: 'duplicate option id "x"' }],
      ],
      [
        'an option with the reserved id "other"',
        {
          ...base,
          questions: [
            {
              id: 'q',
              type: 'single',
              title: 'Q',
              options: [
                { id: 'other', label: 'X' },
                { id: 'y', label: 'Y' },
              ],
            },
          ],
        },
        [
          {
            path: 'questions[0].options[0].id',
            message: '"other" is reserved for the "other" option',
          },
        ],
      ],
      [
        'a choice question with one option',
        {
          ...base,
          questions: [{ id: 'q', type: 'single', title: 'Q', options: [{ id: 'x', label: 'X' }] }],
        },
        [{ path: 'questions[0].options', message: 'must offer at least 2 options' }],
      ],
      [
        'a branch to an unknown question',
        {
          ...base,
          questions: [
            {
              id: 'a',
              type: 'nps',
              title: 'A',
              branches: [{ when: { score: { max: 6 } }, to: 'nowhere' }],
            },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].to',
            message: 'unknown question "nowhere" (use a question id or "end")',
          },
        ],
      ],
      [
        'a branch backwards',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A' },
            { id: 'b', type: 'nps', title: 'B', branches: [{ when: { answered: true }, to: 'a' }] },
          ],
        },
        [
          {
            path: 'questions[1].branches[0].to',
            message: 'must point to a later question or "end", so the survey cannot loop',
          },
        ],
      ],
      [
        'a branch to its own question',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A', branches: [{ when: { answered: true }, to: 'a' }] },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].to',
            message: 'must point to a later question or "end", so the survey cannot loop',
          },
        ],
      ],
      [
        '"end" as a question id',
        { ...base, questions: [{ id: 'end', type: 'nps', title: 'A' }] },
        [
          {
            path: 'questions[0].id',
            message: '"end" is reserved as the branch target that ends the survey',
          },
        ],
      ],
      [
        'a score test on a text question',
        {
          ...base,
          questions: [
            {
              id: 'a',
              type: 'text',
              title: 'A',
              branches: [{ when: { score: { min: 1 } }, to: 'end' }],
            },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].when.score',
            message: 'a score range needs a scale question, but "a" is text',
          },
        ],
      ],
      [
        'a score test without bounds',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A', branches: [{ when: { score: {} }, to: 'end' }] },
          ],
        },
        [{ path: 'questions[0].branches[0].when.score', message: 'must give min, max or both' }],
      ],
      [
        'a score test whose max is below its min',
        {
          ...base,
          questions: [
            {
              id: 'a',
              type: 'nps',
              title: 'A',
              branches: [{ when: { score: { min: 5, max: 2 } }, to: 'end' }],
            },
          ],
        },
        [{ path: 'questions[0].branches[0].when.score.max', message: 'must be ≥ min' }],
      ],
      [
        'a segment test on a CSAT question',
        {
          ...base,
          questions: [{ id: 'a', type: 'csat', title: 'A' }],
          acknowledgements: [
            { id: 'k', when: [{ question: 'a', segment: 'promoter' }], title: 'K' },
          ],
        },
        [
          {
            path: 'acknowledgements[0].when[0].segment',
            message: 'segments apply to NPS questions, but "a" is csat',
          },
        ],
      ],
      [
        'an unknown segment',
        {
          ...base,
          questions: [
            {
              id: 'a',
              type: 'nps',
              title: 'A',
              branches: [{ when: { segment: 'fan' }, to: 'end' }],
            },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].when.segment',
            message: 'must be one of "detractor", "passive", "promoter"',
          },
        ],
      ],
      [
        'unknown options in anyOf, including "other" when the question offers none',
        {
          ...base,
          questions: [
            {
              id: 'a',
              type: 'single',
              title: 'A',
              options,
              branches: [{ when: { anyOf: ['a', 'z', 'other'] }, to: 'end' }],
            },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].when.anyOf[1]',
            message: 'unknown option "z" of question "a"',
          },
          {
            path: 'questions[0].branches[0].when.anyOf[2]',
            message: 'unknown option "other" of question "a"',
          },
        ],
      ],
      [
        'an anyOf test on an NPS question',
        {
          ...base,
          questions: [
            { id: 'a', type: 'nps', title: 'A', branches: [{ when: { anyOf: ['x'] }, to: 'end' }] },
          ],
        },
        [
          {
            path: 'questions[0].branches[0].when.anyOf',
            message: 'options apply to choice questions, but "a" is nps',
          },
        ],
      ],
      [
        'a condition on an unknown question',
        {
          ...base,
          acknowledgements: [{ id: 'k', when: [{ question: 'nope', answered: true }], title: 'K' }],
        },
        [{ path: 'acknowledgements[0].when[0].question', message: 'unknown question "nope"' }],
      ],
      [
        'a duplicate acknowledgement id',
        {
          ...base,
          acknowledgements: [
            { id: 'k', title: 'K' },
            { id: 'k', title: 'K again' },
          ],
        },
        [{ path: 'acknowledgements[1].id', message: 'duplicate acknowledgement id "k"' }],
      ],
      [
        'a follow-up question id that is already a question id',
        {
          ...base,
          followUps: [
            {
              id: 'f',
              when: [{ question: 'nps', answered: true }],
              question: { id: 'nps', type: 'text', title: 'F' },
            },
          ],
        },
        [
          {
            path: 'followUps[0].question.id',
            message: '"nps" is already a question id: follow-up answers join the same response',
          },
        ],
      ],
      [
        'a follow-up question that branches',
        {
          ...base,
          followUps: [
            {
              id: 'f',
              when: [{ question: 'nps', answered: true }],
              question: {
                id: 'more',
                type: 'text',
                title: 'F',
                branches: [{ when: { answered: true }, to: 'end' }],
              },
            },
          ],
        },
        [{ path: 'followUps[0].question.branches', message: 'a follow-up question cannot branch' }],
      ],
      [
        'a follow-up without conditions',
        {
          ...base,
          followUps: [{ id: 'f', when: [], question: { id: 'more', type: 'text', title: 'F' } }],
        },
        [{ path: 'followUps[0].when', message: 'must give at least one condition' }],
      ],
      [
        'a duplicate follow-up id',
        {
          ...base,
          followUps: [
            {
              id: 'f',
              when: [{ question: 'nps', answered: true }],
              question: { id: 'one', type: 'text', title: 'F' },
            },
            {
              id: 'f',
              when: [{ question: 'nps', answered: false }],
              question: { id: 'two', type: 'text', title: 'F' },
            },
          ],
        },
        [{ path: 'followUps[1].id', message: 'duplicate follow-up id "f"' }],
      ],
      [
        'minSelected above maxSelected',
        {
          ...base,
          questions: [
            { id: 'm', type: 'multiple', title: 'M', options, minSelected: 3, maxSelected: 2 },
          ],
        },
        [{ path: 'questions[0].maxSelected', message: 'must be ≥ minSelected' }],
      ],
      [
        'maxSelected above the number of choices',
        {
          ...base,
          questions: [
            {
              id: 'm',
              type: 'multiple',
              title: 'M',
              options: options.slice(0, 2),
              maxSelected: 5,
            },
          ],
        },
        [{ path: 'questions[0].maxSelected', message: 'must be ≤ the number of choices (2)' }],
      ],
      [
        'minSelected of 0',
        {
          ...base,
          questions: [{ id: 'm', type: 'multiple', title: 'M', options, minSelected: 0 }],
        },
        [{ path: 'questions[0].minSelected', message: 'must be at least 1' }],
      ],
      [
        'a text maxLength of 0',
        { ...base, questions: [{ id: 't', type: 'text', title: 'T', maxLength: 0 }] },
        [{ path: 'questions[0].maxLength', message: 'must be at least 1' }],
      ],
      [
        'a text in a malformed locale',
        { ...base, title: { en: 'Hi', 'not a locale': 'Hei' } },
        [{ path: 'title["not a locale"]', message: 'has an invalid key' }],
      ],
      [
        'a malformed default locale',
        { ...base, defaultLocale: 'english!' },
        [{ path: 'defaultLocale', message: 'must be a locale tag such as "en" or "pt-BR"' }],
      ],
      [
        'an empty title',
        { ...base, questions: [{ id: 'a', type: 'nps', title: '' }] },
        [{ path: 'questions[0].title', message: 'must not be empty' }],
      ],
      [
        'an empty translation',
        { ...base, title: { en: 'Hi', fi: '' } },
        [{ path: 'title.fi', message: 'must not be empty' }],
      ],
      [
        'a title with no locale',
        { ...base, title: {} },
        [{ path: 'title', message: 'must give the text in at least one locale' }],
      ],
      [
        'a title over 2000 characters',
        { ...base, title: 'x'.repeat(2001) },
        [{ path: 'title', message: 'must be 2000 characters at most' }],
      ],
      [
        'a title that is a number',
        { ...base, title: 5 },
        [{ path: 'title', message: 'must be a string or an object, got number' }],
      ],
      [
        'an unknown question type',
        { ...base, questions: [{ id: 'a', type: 'slider', title: 'A' }] },
        [{ path: 'questions[0].type', message: 'has an unknown "type"' }],
      ],
      [
        'an unknown scale display',
        { ...base, questions: [{ id: 'a', type: 'csat', title: 'A', display: 'hearts' }] },
        [{ path: 'questions[0].display', message: 'must be one of "numbers", "stars", "emoji"' }],
      ],
      [
        'fields of the wrong type',
        {
          ...base,
          version: '2',
          questions: [{ id: 'a', type: 'nps', title: 'A', required: 'yes' }],
        },
        [
          { path: 'version', message: 'must be a number, got string' },
          { path: 'questions[0].required', message: 'must be a boolean, got string' },
        ],
      ],
      ['version 0', { ...base, version: 0 }, [{ path: 'version', message: 'must be at least 1' }]],
      [
        'an id starting with a digit',
        { ...base, id: '1survey' },
        [
          {
            path: 'id',
            message:
              'must start with a letter and use only letters, digits, "_" or "-" (64 characters at most)',
          },
        ],
      ],
      [
        'no questions',
        { ...base, questions: [] },
        [{ path: 'questions', message: 'must have at least one question' }],
      ],
      [
        'questions that are not an array',
        { ...base, questions: 'nps' },
        [{ path: 'questions', message: 'must be an array, got string' }],
      ],
      [
        'a question that is null',
        { ...base, questions: [null] },
        [{ path: 'questions[0]', message: 'must be an object, got null' }],
      ],
      [
        'a consent question without its label',
        { ...base, questions: [{ id: 'ok', type: 'consent', title: 'OK?' }] },
        [{ path: 'questions[0].label', message: 'must be a string or an object, got undefined' }],
      ],
    ];

    it.each(cases)(
      'given %s › it is refused with the exact paths and messages',
      (_, input, expected) => {
        const problems = problemsOf(input);
        expect(problems).toEqual(expected);
        const result = parseSurvey(input) as Extract<ParseSurveyResult, { success: false }>;
        for (const { path, message } of expected)
          expect(result.error.message).toContain(`  ${path || '(root)'}: ${message}`);
        expect(() => defineSurvey(input as SurveyInput)).toThrow(ValidationError);
      },
    );
  });
});

describe('parseSurvey', () => {
  it('given a valid definition › returns success with the survey, defaults filled in', () => {
    const result = parseSurvey(base);
    expect(result).toEqual({
      success: true,
      survey: {
        ...base,
        version: 1,
        defaultLocale: 'en',
        questions: [{ ...base.questions[0], required: true }],
      },
    });
  });

  describe('given garbage', () => {
    // A tiny seeded generator of JSON-ish values, and mutations of valid surveys that replace or drop
    // one nested value: deterministic, so a failure reproduces.
    const random = seededRandom(20261123);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
    const keys = ['id', 'type', 'title', 'options', 'when', 'to', 'score', 'min', 'max', 'en'];

    function randomValue(depth = 0): unknown {
      switch (int(depth > 2 ? 6 : 8)) {
        case 0:
          return null;
        case 1:
          return pick([0, -1, 1.5, 1e9, Number.NaN, Number.POSITIVE_INFINITY]);
        case 2:
          return pick(['', 'x', 'end', 'other', 'nps', 'javascript:alert(1)', '<b>hi</b>']);
        case 3:
          return random() < 0.5;
        case 4:
          return undefined;
        case 5:
          return pick(['why', 'detractor', 'fi', 'payroll']);
        case 6:
          return Array.from({ length: int(4) }, () => randomValue(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: int(4) }, () => [pick(keys), randomValue(depth + 1)]),
          );
      }
    }

    function mutate(survey: unknown): unknown {
      const copy = JSON.parse(JSON.stringify(survey)) as Record<string, unknown>;
      let node: Record<string, unknown> = copy;
      for (let level = 0; level < 8; level++) {
        const key = pick(Object.keys(node));
        if (key === undefined) break;
        const child = node[key];
        if (child !== null && typeof child === 'object' && random() < 0.7) {
          node = child as Record<string, unknown>;
          continue;
        }
        if (random() < 0.3) delete node[key];
        else node[key] = randomValue();
        break;
      }
      return copy;
    }

    const surveys = [npsSurvey, everyQuestionSurvey, branchingSurvey, finnishSurvey];
    const inputs = [
      ...Array.from({ length: 300 }, () => randomValue()),
      ...Array.from({ length: 500 }, () => mutate(pick(surveys))),
    ];

    it('never throws: it returns a failure with problems, or a survey that validates again', () => {
      let refused = 0;
      for (const input of inputs) {
        let result: ParseSurveyResult | undefined;
        expect(() => {
          result = parseSurvey(input);
        }).not.toThrow();
        if (result?.success) {
          expect(parseSurvey(JSON.parse(JSON.stringify(result.survey)))).toEqual(result);
        } else {
          refused++;
          expect(result?.error).toBeInstanceOf(ValidationError);
          expect(result?.error.problems.length).toBeGreaterThan(0);
        }
      }
      // The generator must really produce bad input, or this test proves nothing.
      expect(refused).toBeGreaterThan(inputs.length / 2);
    });
  });
});

describe('getSurveyJsonSchema', () => {
  const schema = getSurveyJsonSchema();

  it('is plain JSON in draft 2020-12', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
  });

  it('describes the definition as written: defaults are optional and documented', () => {
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual([
      'id',
      'version',
      'touchpointId',
      'defaultLocale',
      'title',
      'description',
      'questions',
      'acknowledgements',
      'followUps',
      'partial',
    ]);
    expect(schema.required).toEqual(['id', 'touchpointId', 'title', 'questions']);
    expect(properties.version).toMatchObject({ type: 'integer', default: 1, minimum: 1 });
    expect(properties.defaultLocale).toMatchObject({ $ref: '#/$defs/Locale', default: 'en' });
  });

  it('offers one named form per question type', () => {
    const defs = schema.$defs as Record<
      string,
      { oneOf?: { $ref: string }[]; properties?: { type: { const: string } } }
    >;
    const questions = (schema.properties as Record<string, { items: { $ref: string } }>).questions;
    expect(questions?.items.$ref).toBe('#/$defs/Question');
    const types = defs.Question?.oneOf?.map(
      (form) => defs[form.$ref.replace('#/$defs/', '')]?.properties?.type.const,
    );
    expect(types).toEqual([
      'nps',
      'csat',
      'ces',
      'rating',
      'single',
      'multiple',
      'text',
      'consent',
    ]);
  });
});

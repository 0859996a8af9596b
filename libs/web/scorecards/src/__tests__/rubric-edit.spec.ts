import { DEFAULT_CITY_RUBRIC, rubricMax } from '@sunshine/shared/domain';
import { readRubric, rubricToSave, rubricTree, setWeight, weightFields } from '../lib/rubric-edit';
import { scorecardFilePath } from '../lib/scorecard-files';

describe('rubric editing', () => {
  it('shows the tree with each line’s full marks and editable weights', () => {
    const tree = rubricTree(DEFAULT_CITY_RUBRIC.components);
    expect(tree.map((r) => r.key)).toEqual(['work', 'assessment', 'training']);
    expect(tree[0]?.children?.map((c) => [c.key, c.max])).toEqual([
      ['tasks', 45],
      ['timeliness', 15],
    ]);
    expect(tree[0]?.weights).toEqual([]);
    expect(tree[0]?.max).toBe(60);
    expect(tree[1]?.weights.map((w) => w.field)).toEqual([
      'points',
      'onTimePoints',
      'qualityPoints',
      'returnPenalty',
    ]);
  });

  it('changes one weight deep in the tree without touching the input', () => {
    const edited = setWeight(DEFAULT_CITY_RUBRIC, 'timeliness', 'points', 20);
    expect(rubricMax(edited)).toBe(rubricMax(DEFAULT_CITY_RUBRIC) + 5);
    expect(rubricMax(DEFAULT_CITY_RUBRIC)).toBe(100);
    // A field the line does not have is ignored.
    expect(setWeight(DEFAULT_CITY_RUBRIC, 'timeliness', 'hoursPoints', 9)).toEqual(
      DEFAULT_CITY_RUBRIC,
    );
    const training = edited.components.find((c) => c.key === 'training');
    expect(training && weightFields(training).map((w) => w.value)).toEqual([6, 4, 8]);
  });

  it('round-trips the stored JSON and refuses what the server would refuse', () => {
    const saved = rubricToSave(DEFAULT_CITY_RUBRIC);
    expect('content' in saved && readRubric(saved.content)).toEqual(DEFAULT_CITY_RUBRIC);
    expect(readRubric('{not json')).toBeNull();
    const bad = rubricToSave({
      ...DEFAULT_CITY_RUBRIC,
      grades: { excellent: 50, good: 80, pass: 60 },
    });
    expect('errors' in bad && bad.errors.length).toBeGreaterThan(0);
  });
});

describe('scorecardFilePath', () => {
  it('names the year in the path and the period and organisation in the query', () => {
    expect(scorecardFilePath('bulletin.docx', 2025, 3, 'o1')).toBe(
      '/files/scorecards/2025/bulletin.docx?organizationId=o1&quarter=3',
    );
    expect(scorecardFilePath('scorecard.xlsx', 2025, null, 'o1')).toBe(
      '/files/scorecards/2025/scorecard.xlsx?organizationId=o1',
    );
  });
});

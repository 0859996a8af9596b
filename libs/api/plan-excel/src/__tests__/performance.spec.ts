import { parseChecklistWorkbook } from '../parse-checklist';
import { checklist, taskRow } from './helpers';

const ROWS = 5_000;

describe('parseChecklistWorkbook: a 5,000-row file', () => {
  it('parses every task and reports progress', async () => {
    const deadlines = ['6月底前', '年底前', '每季度', '持续推进', '2025年9月30日', '三季度末'];
    const levels = ['省、市、县', '市县', '全部', '县级', ''];
    const rows = Array.from({ length: ROWS }, (_, i) =>
      taskRow({
        number: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
        category: i % 100 === 0 ? `第${Math.floor(i / 100) + 1}类工作` : null,
        title: `重点工作任务第${i + 1}项：公开审计结果及整改情况`,
        description: '按照政务公开标准目录要求，及时、准确、完整公开相关信息。'.repeat(3),
        lead: '办公室、法规处',
        cooperating: '各业务处室',
        deadline: deadlines[i % deadlines.length],
        levels: levels[i % levels.length],
        weight: 0.02,
        evidence: '栏目截图及链接',
        target: i % 10 === 0 ? '≥16条' : null,
      }),
    );
    const buffer = await checklist(rows);

    const progress: Array<[number, number]> = [];
    const started = process.hrtime.bigint();
    const result = await parseChecklistWorkbook(buffer, {
      planYear: 2025,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `parseChecklistWorkbook: ${ROWS} rows, ${(buffer.length / 1024).toFixed(0)} KB in ${elapsedMs.toFixed(0)} ms`,
    );

    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.tasks).toHaveLength(ROWS);
    expect(result.categories).toHaveLength(50);
    expect(result.tasks[ROWS - 1]).toMatchObject({ number: '50.100', categoryName: '第50类工作' });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual([0, ROWS]);
    expect(progress[progress.length - 1]).toEqual([ROWS, ROWS]);
    const done = progress.map(([value]) => value);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  }, 60_000);
});

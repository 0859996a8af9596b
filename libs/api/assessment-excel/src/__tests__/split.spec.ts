import { isNoProblem, splitProblems } from '../split';

describe('splitProblems', () => {
  it('splits on Chinese and ASCII semicolons and trims the parts', () => {
    expect(splitProblems('政策解读栏目未更新；规范性文件未标注有效性; 年报链接失效；')).toEqual({
      parts: ['政策解读栏目未更新', '规范性文件未标注有效性', '年报链接失效'],
      by: 'SEMICOLON',
      preamble: '',
    });
  });

  it('splits numbered items "1." "2、" and keeps a semicolon inside an item', () => {
    const result = splitProblems('1.首页无搜索框；无法检索2.年报未发布3、留言未回复');
    expect(result.by).toBe('NUMBERED');
    expect(result.parts).toEqual(['首页无搜索框；无法检索', '年报未发布', '留言未回复']);
  });

  it('splits （1）（2） and ①② items and separates a lead-in ending in a colon', () => {
    expect(splitProblems('存在以下问题：（1）栏目空白；（2）链接失效。')).toEqual({
      parts: ['栏目空白', '链接失效。'],
      by: 'NUMBERED',
      preamble: '存在以下问题',
    });
    expect(splitProblems('①栏目空白②链接失效').parts).toEqual(['栏目空白', '链接失效']);
  });

  it('does not split decimals, dates or a number that does not start a sequence', () => {
    expect(splitProblems('扣0.5分，2025.6.30前未更新').parts).toHaveLength(1);
    expect(splitProblems('第2.3条规定的目录未更新').parts).toHaveLength(1);
    expect(splitProblems('2.年报未发布').by).toBe('NONE');
  });

  it('keeps a lead-in without a colon as a problem of its own', () => {
    expect(splitProblems('年报格式不规范 1.表三不平 2.未按时发布').parts).toEqual([
      '年报格式不规范',
      '表三不平',
      '未按时发布',
    ]);
  });

  it('splits "存在以下问题：a；b" without keeping the lead-in as a problem', () => {
    const result = splitProblems('存在以下问题：首页两周未更新；信箱留言未回复');
    expect(result.parts).toEqual(['首页两周未更新', '信箱留言未回复']);
    expect(result.preamble).toBe('存在以下问题');
  });

  it('splits lines only when every line is a sentence', () => {
    expect(splitProblems('政策解读栏目长期未更新\n规范性文件未标注有效性').by).toBe('LINES');
    expect(splitProblems('栏目：\n政策解读未更新').parts).toHaveLength(1);
  });

  it('leaves a single problem alone', () => {
    expect(splitProblems(' 2024年度报告未按时发布。 ')).toEqual({
      parts: ['2024年度报告未按时发布。'],
      by: 'NONE',
      preamble: '',
    });
    expect(splitProblems('').parts).toEqual([]);
  });

  it('recognises cells that say there is no problem', () => {
    for (const text of ['无', '无问题', '未发现问题', '/', '—', ' 暂无 '])
      expect(isNoProblem(text)).toBe(true);
    expect(isNoProblem('无起草说明')).toBe(false);
  });
});

describe('splitProblems on locations', () => {
  it('never takes numbers inside web addresses for item markers', () => {
    expect(
      splitProblems('https://a.example/zcjd/4-1.html；https://a.example/zcjd/4-2.html').parts,
    ).toEqual(['https://a.example/zcjd/4-1.html', 'https://a.example/zcjd/4-2.html']);
    expect(splitProblems('见http://a.example/1.html和http://a.example/2.html').parts).toHaveLength(
      1,
    );
  });
});

describe('splitProblems with numbers after the marker', () => {
  it('splits items starting with a year after a separator', () => {
    expect(
      splitProblems('1.答复书未告知救济途径；2.统计数据不一致；3.2025年第2号申请答复超期').parts,
    ).toEqual(['答复书未告知救济途径', '统计数据不一致', '2025年第2号申请答复超期']);
  });
});

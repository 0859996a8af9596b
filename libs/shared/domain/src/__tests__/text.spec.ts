import { clipTitle, composeTitle, ELLIPSIS, textLength, TITLE_MAX_LENGTH } from '../text';

describe('clipTitle', () => {
  it('keeps a text that fits, and clips a longer one to the maximum with an ellipsis', () => {
    expect(clipTitle('任务', 5)).toBe('任务');
    expect(clipTitle('一二三四五', 5)).toBe('一二三四五');
    expect(clipTitle('一二三四五六', 5)).toBe(`一二三四${ELLIPSIS}`);
    expect(textLength(clipTitle('计'.repeat(500)))).toBe(TITLE_MAX_LENGTH);
  });

  it('counts characters, not UTF-16 units, and never splits a surrogate pair', () => {
    const text = '𠮷'.repeat(10);
    const clipped = clipTitle(text, 4);
    expect(clipped).toBe(`𠮷𠮷𠮷${ELLIPSIS}`);
    expect(textLength(clipped)).toBe(4);
  });

  it('answers an empty text for a maximum of zero or less', () => {
    expect(clipTitle('abc', 0)).toBe('');
  });
});

describe('composeTitle', () => {
  it('keeps the fixed parts and clips the subject so that the whole fits', () => {
    const title = composeTitle('季度进展被退回：', `3.2 ${'计'.repeat(200)}`, '（2025年第一季度）');
    expect(textLength(title)).toBe(TITLE_MAX_LENGTH);
    expect(title.startsWith('季度进展被退回：3.2 计')).toBe(true);
    expect(title.endsWith(`${ELLIPSIS}（2025年第一季度）`)).toBe(true);
  });

  it('leaves a short title unchanged', () => {
    expect(composeTitle('任务调整：', '1.1 公开权责清单')).toBe('任务调整：1.1 公开权责清单');
  });

  it('still fits when the fixed parts alone are too long', () => {
    expect(textLength(composeTitle('前'.repeat(150), '题', '后'.repeat(150)))).toBe(200);
  });
});

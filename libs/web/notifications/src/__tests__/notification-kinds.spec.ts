import { notificationKindLabel } from '../lib/notification-kinds';

describe('notificationKindLabel', () => {
  it('names the kinds the API sends', () => {
    expect(notificationKindLabel('REMINDER')).toBe('催办');
    expect(notificationKindLabel('TASK_ADJUSTED')).toBe('任务调整');
    expect(notificationKindLabel('NEW_KIND')).toBe('通知');
  });
});

export * from './letters.module';
export { reminderLetterDocument, type ReminderLetterFacts } from './reminder-letter';

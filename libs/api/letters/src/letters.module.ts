import { Module } from '@nestjs/common';
import { LetterFactsRepository } from './letter-facts.repository';
import { ReminderLettersController } from './reminder-letters.controller';
import { ReminderLettersService } from './reminder-letters.service';

/**
 * Official letters generated from other features' facts (催办函): reads only published views,
 * owns no table.
 */
@Module({
  providers: [LetterFactsRepository, ReminderLettersService],
  controllers: [ReminderLettersController],
})
export class LettersModule {}

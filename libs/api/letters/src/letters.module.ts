import { Module } from '@nestjs/common';
import { LetterFactsRepository } from './letter-facts.repository';
import { ReminderLettersController } from './reminder-letters.controller';
import { ReminderLettersService } from './reminder-letters.service';
import { ScorecardFilesController } from './scorecard-files.controller';
import { ScorecardFilesService } from './scorecard-files.service';

/**
 * Official letters and exports generated from other features' facts: the 催办函 (published
 * views), the scorecard's 通报 and Excel export (the `ScorecardReader` port). Owns no table.
 */
@Module({
  providers: [LetterFactsRepository, ReminderLettersService, ScorecardFilesService],
  controllers: [ReminderLettersController, ScorecardFilesController],
})
export class LettersModule {}

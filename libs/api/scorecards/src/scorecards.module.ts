import { Module } from '@nestjs/common';
import { ScorecardAdminService } from './scorecard-admin.service';
import { ScorecardFactsRepository } from './scorecard-facts.repository';
import { ScorecardRunsService } from './scorecard-runs.service';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsResolver } from './scorecards.resolver';
import { ScorecardsService } from './scorecards.service';

@Module({
  providers: [
    ScorecardFactsRepository,
    ScorecardsRepository,
    ScorecardRunsService,
    ScorecardsService,
    ScorecardAdminService,
    ScorecardsResolver,
  ],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}

import { Module } from '@nestjs/common';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsRepository } from './trainings.repository';
import { TrainingsResolver } from './trainings.resolver';
import { TrainingsService } from './trainings.service';

@Module({
  providers: [TrainingsRepository, TrainingsService, TrainingCoverageService, TrainingsResolver],
})
export class TrainingsModule {}

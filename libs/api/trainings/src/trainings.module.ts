import { Module } from '@nestjs/common';
import { TrainingFilesController } from './training-files.controller';
import { TrainingFilesService } from './training-files.service';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsRepository } from './trainings.repository';
import { TrainingsResolver } from './trainings.resolver';
import { TrainingsService } from './trainings.service';

@Module({
  providers: [
    TrainingsRepository,
    TrainingsService,
    TrainingCoverageService,
    TrainingFilesService,
    TrainingsResolver,
  ],
  controllers: [TrainingFilesController],
})
export class TrainingsModule {}

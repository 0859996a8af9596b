import { Module } from '@nestjs/common';
import { TrainingFilesController } from './training-files.controller';
import { TrainingFilesService } from './training-files.service';
import { TrainingCertificatesController } from './training-certificates.controller';
import { TrainingCertificatesRepository } from './training-certificates.repository';
import { TrainingCertificatesService } from './training-certificates.service';
import { TrainingMaterialsController } from './training-materials.controller';
import { TrainingMaterialsRepository } from './training-materials.repository';
import { TrainingMaterialsService } from './training-materials.service';
import { TrainingRemindersService } from './training-reminders.service';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsRepository } from './trainings.repository';
import { TrainingsResolver } from './trainings.resolver';
import { TrainingsService } from './trainings.service';

@Module({
  providers: [
    TrainingsRepository,
    TrainingMaterialsRepository,
    TrainingMaterialsService,
    TrainingRemindersService,
    TrainingCertificatesService,
    TrainingCertificatesRepository,
    TrainingsService,
    TrainingCoverageService,
    TrainingFilesService,
    TrainingsResolver,
  ],
  controllers: [
    TrainingFilesController,
    TrainingMaterialsController,
    TrainingCertificatesController,
  ],
})
export class TrainingsModule {}

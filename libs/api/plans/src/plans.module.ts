import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsRepository } from './assignments.repository';
import { ChecklistRepository } from './checklist.repository';
import { PlanCategoryEntity } from './entities/plan-category.entity';
import { PlanEntity } from './entities/plan.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { PlanExportService } from './plan-export.service';
import { PlanFilesController } from './plan-files.controller';
import { PlanImportService } from './plan-import.service';
import { PlanPublishingService } from './plan-publishing.service';
import { PlansRepository } from './plans.repository';
import { PlansResolver } from './plans.resolver';
import { PlansService } from './plans.service';

@Module({
  imports: [TypeOrmModule.forFeature([PlanEntity, PlanCategoryEntity, PlanTaskEntity])],
  providers: [
    PlansRepository,
    AssignmentsRepository,
    ChecklistRepository,
    PlansService,
    PlanPublishingService,
    PlanImportService,
    PlanExportService,
    PlansResolver,
  ],
  controllers: [PlanFilesController],
  exports: [PlansService],
})
export class PlansModule {}

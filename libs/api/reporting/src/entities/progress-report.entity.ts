import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CompletionState, ReportStatus, ReturnStage } from '@sunshine/shared/domain';

export interface EvidenceUrl {
  url: string;
  title: string;
}

const numeric = {
  to: (v: number | null | undefined): number | null | undefined => v,
  from: (v: string | null): number | null => (v === null ? null : Number(v)),
};

@Entity('progress_reports')
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'assignment_id', type: 'uuid' }) assignmentId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'smallint' }) quarter!: number;
  @Column({ name: 'completion_state', type: 'varchar', length: 12 })
  completionState!: CompletionState;
  @Column({ type: 'smallint' }) percent!: number;
  @Column({
    name: 'actual_value',
    type: 'numeric',
    precision: 12,
    scale: 2,
    nullable: true,
    transformer: numeric,
  })
  actualValue!: number | null;
  @Column({ type: 'text' }) narrative!: string;
  @Column({ type: 'text' }) problems!: string;
  @Column({ name: 'next_steps', type: 'text' }) nextSteps!: string;
  @Column({ name: 'evidence_urls', type: 'jsonb' }) evidenceUrls!: EvidenceUrl[];
  @Column({ type: 'varchar', length: 10 }) status!: ReportStatus;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ name: 'returned_stage', type: 'varchar', length: 10, nullable: true })
  returnedStage!: ReturnStage | null;
  @Column({ name: 'returned_reason', type: 'text', nullable: true }) returnedReason!: string | null;
  @Column({ name: 'returned_by', type: 'uuid', nullable: true }) returnedBy!: string | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ name: 'accepted_by', type: 'uuid', nullable: true }) acceptedBy!: string | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'int' }) version!: number;
}

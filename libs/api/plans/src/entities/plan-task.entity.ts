import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { OrgLevel, ValidDeadline } from '@sunshine/shared/domain';

const numeric = {
  to: (v: number | null | undefined): number | null | undefined => v,
  from: (v: string | null): number | null => (v === null ? null : Number(v)),
};

@Entity('plan_tasks')
export class PlanTaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'category_id', type: 'uuid' }) categoryId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'varchar', length: 20 }) number!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'lead_departments', type: 'text', array: true }) leadDepartments!: string[];
  @Column({ name: 'cooperating_departments', type: 'text', array: true })
  cooperatingDepartments!: string[];
  @Column({ type: 'jsonb' }) deadline!: ValidDeadline;
  @Column({ name: 'deadline_text', type: 'varchar', length: 100 }) deadlineText!: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'text', array: true }) levels!: OrgLevel[];
  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: numeric }) weight!: number;
  @Column({ type: 'text' }) evidence!: string;
  @Column({
    name: 'target_value',
    type: 'numeric',
    precision: 12,
    scale: 2,
    nullable: true,
    transformer: numeric,
  })
  targetValue!: number | null;
  @Column({ name: 'target_unit', type: 'varchar', length: 20, nullable: true }) targetUnit!:
    string | null;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder!: number;
  @Column({ name: 'adjusted_at', type: 'timestamptz', nullable: true }) adjustedAt!: Date | null;
  @Column({ name: 'adjustment_note', type: 'text', nullable: true }) adjustmentNote!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}

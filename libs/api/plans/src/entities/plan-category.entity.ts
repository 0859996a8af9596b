import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('plan_categories')
export class PlanCategoryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder!: number;
}

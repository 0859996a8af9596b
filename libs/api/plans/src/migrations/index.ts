import { AuditPlanNames1796130574058 } from './1796130574058-audit-plan-names';
import { CategoryRefs1796130495700 } from './1796130495700-category-refs';
import { ReleasedPlansOnly1764547200731 } from './1764547200731-released-plans-only';

/** The plans feature's migrations (tables it owns), in order. */
export const PLANS_MIGRATIONS = [
  ReleasedPlansOnly1764547200731,
  CategoryRefs1796130495700,
  AuditPlanNames1796130574058,
];

import { AuditPlanNames1796130574058 } from './1796130574058-audit-plan-names';
import { ReleasedPlansOnly1764547200731 } from './1764547200731-released-plans-only';

/** The plans feature's migrations (tables it owns), in order. */
export const PLANS_MIGRATIONS = [ReleasedPlansOnly1764547200731, AuditPlanNames1796130574058];

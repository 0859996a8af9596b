import { ReleasedPlansOnly1764547200731 } from './1764547200731-released-plans-only';

/** The plans feature's migrations (tables it owns), in order. */
export const PLANS_MIGRATIONS = [ReleasedPlansOnly1764547200731];

import { SeparationOfDuties1764547200713 } from './1764547200713-separation-of-duties';

/** The users feature's migrations (tables it owns), in order. */
export const USERS_MIGRATIONS = [SeparationOfDuties1764547200713];

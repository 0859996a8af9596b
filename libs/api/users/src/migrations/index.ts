import { SeparationOfDuties1764547200713 } from './1764547200713-separation-of-duties';
import { PasswordHistory1796130542161 } from './1796130542161-password-history';

/** The users feature's migrations (tables it owns), in order. */
export const USERS_MIGRATIONS = [SeparationOfDuties1764547200713, PasswordHistory1796130542161];

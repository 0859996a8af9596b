import { TrainingTables1796133842099 } from './1796133842099-training-tables';
import { TrainingMaterials1796140000101 } from './1796140000101-training-materials';

/** The trainings feature's migrations (tables it owns), in order. */
export const TRAININGS_MIGRATIONS = [TrainingTables1796133842099, TrainingMaterials1796140000101];

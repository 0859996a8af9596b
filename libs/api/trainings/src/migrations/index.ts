import { TrainingTables1796133842099 } from './1796133842099-training-tables';
import { TrainingMaterials1796140000101 } from './1796140000101-training-materials';
import { TrainingScoreFacts1796141390617 } from './1796141390617-training-score-facts';

/** The trainings feature's migrations (tables it owns, views it publishes), in order. */
export const TRAININGS_MIGRATIONS = [
  TrainingTables1796133842099,
  TrainingMaterials1796140000101,
  TrainingScoreFacts1796141390617,
];

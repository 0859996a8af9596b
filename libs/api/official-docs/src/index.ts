export {
  OFFICIAL_LAYOUT,
  ZIHAO,
  layoutGeometry,
  mmToTwips,
  officialDate,
  twipsToMm,
  type OfficialFont,
} from './layout';
export { renderOfficialDocument, textWidth } from './render';
export { inspectDocx, type DocxInspection } from './inspect';
export type { OfficialBlock, OfficialCell, OfficialDocument, OfficialTable } from './types';
export { DOCX_MIME } from './http';

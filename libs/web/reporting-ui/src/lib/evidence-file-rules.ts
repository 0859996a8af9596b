/**
 * Evidence file types the API accepts (`inspectEvidence` in api-core decides by content), for
 * the file pickers of reporting and of the assessment loop and a check before uploading.
 */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.doc,.docx,.xls,.xlsx';
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** A Chinese message when a file cannot be uploaded as evidence; null when it may be. */
export function evidenceFileProblem(file: { name: string; size: number }): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() : '';
  if (!ext || !EVIDENCE_ACCEPT.split(',').includes(`.${ext}`))
    return `“${file.name}”的类型不支持：只能上传 PDF、图片（JPG/PNG/GIF/WebP）、Word 或 Excel 文件`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > EVIDENCE_MAX_BYTES) return `“${file.name}”超过 20 MB，无法上传`;
  return null;
}

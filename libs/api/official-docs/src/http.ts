/** The media type of a .docx download (use core's `attachment()` for its Content-Disposition). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

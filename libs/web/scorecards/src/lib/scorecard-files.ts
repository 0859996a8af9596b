/** The file route of a scorecard's 通报 or Excel export (docs/api-files.md). */
export function scorecardFilePath(
  kind: 'bulletin.docx' | 'scorecard.xlsx',
  year: number,
  quarter: number | null,
  organizationId: string,
): string {
  const query = new URLSearchParams({ organizationId });
  if (quarter !== null) query.set('quarter', String(quarter));
  return `/files/scorecards/${year}/${kind}?${query.toString()}`;
}

/** Figures from the other parts (report, audit, add-in host), filled in as they land. */
export async function extraFigures(_log: (s: string) => void): Promise<Record<string, number>> {
  return {};
}

import { CsvError, parse } from 'csv-parse/sync';

/** One data row of a vulnbox CSV: its 1-based line, the team (id or name) and the host. */
export interface VulnboxCsvRow {
  line: number;
  team: string;
  host: string;
}

/**
 * Reads `team,host` rows (a header naming the columns `team` or `teamId`, and `host`, in any order); the team is a team
 * id or a team name. Throws with the line number of the first bad row. csv-parse reads the quoting, BOM and line ends.
 */
export function parseVulnboxCsv(text: string): VulnboxCsvRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it was read (the typings describe only the plain form).
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new Error(`line ${(error as CsvError & { lines?: number }).lines ?? 1}: ${error.message}`, { cause: error });
    throw error;
  }
  const [first, ...data] = records;
  const header = (first?.record ?? []).map((cell) => cell.toLowerCase());
  const teamColumn = header.findIndex((cell) => cell === 'team' || cell === 'teamid' || cell === 'team_id');
  const hostColumn = header.indexOf('host');
  if (teamColumn < 0 || hostColumn < 0) throw new Error('line 1: the header must name the columns team and host');
  return data.map(({ record, info }) => {
    const team = record[teamColumn] ?? '';
    const host = record[hostColumn] ?? '';
    if (!team || !host) throw new Error(`line ${info.lines}: team and host are required`);
    return { line: info.lines, team, host };
  });
}

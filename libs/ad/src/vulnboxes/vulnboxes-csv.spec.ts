import { parseVulnboxCsv } from './vulnboxes-csv';

describe('parseVulnboxCsv', () => {
  it('should read the columns in any order, quoted cells, a BOM, CRLF and blank lines, with each row’s line', () => {
    const text = '\uFEFFhost,Team\r\n10.60.1.2,"Red, Team ""A"""\r\n\r\n 10.60.2.2 , 7c1e\r\n';
    expect(parseVulnboxCsv(text)).toEqual([
      { line: 2, team: 'Red, Team "A"', host: '10.60.1.2' },
      { line: 4, team: '7c1e', host: '10.60.2.2' },
    ]);
  });

  it('should name the line of a row without a host, and refuse a header without team and host', () => {
    expect(() => parseVulnboxCsv('team,host\na,10.0.0.1\nb\n')).toThrow('line 3: team and host are required');
    expect(() => parseVulnboxCsv('name,address\nx,y\n')).toThrow('line 1: the header must name the columns team and host');
    expect(() => parseVulnboxCsv('')).toThrow('line 1');
  });

  it('should name the line of broken quoting', () => {
    expect(() => parseVulnboxCsv('team,host\n"a,10.0.0.1\n')).toThrow(/^line \d+: /);
  });
});

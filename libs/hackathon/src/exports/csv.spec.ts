import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('should prefix a quote when the text %j starts like a formula', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('should quote and double quotes when the text has a comma, quote or line break', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain text = fine')).toBe('plain text = fine');
  });

  it('should write numbers as numbers when they are negative, and blanks for missing values', () => {
    expect(csvCell(-0.6123724356957945)).toBe('-0.6123724356957945');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date('2026-11-27T10:00:00Z'))).toBe('2026-11-27T10:00:00.000Z');
  });
});

describe('toCsv', () => {
  it('should start with a byte order mark and end every line with CRLF when given rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

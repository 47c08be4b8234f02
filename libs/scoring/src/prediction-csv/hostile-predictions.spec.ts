import { Readable } from 'node:stream';
import { MAX_CSV_RECORD_BYTES } from './csv-records';
import { GroundTruthIndex } from './ground-truth-index';
import { readGroundTruth } from './read-ground-truth';
import { scorePredictions } from './score-predictions';

// Regression task with three rows; its targets must never show up in a message.
const SECRET_TARGETS = ['10.5', '20.25', '30.125'];
const GROUND_TRUTH = `id,target\na-1,${SECRET_TARGETS[0]}\na-2,${SECRET_TARGETS[1]}\n"a,3",${SECRET_TARGETS[2]}\n`;

const lines = (...rows: string[]) => Buffer.from(rows.map((row) => `${row}\n`).join(''));
const GOOD_ROWS = ['a-1,10.5', 'a-2,20.25', '"a,3",30.125'];

describe('prediction CSV validation (hostile files)', () => {
  let truth: GroundTruthIndex;
  beforeAll(async () => {
    truth = await readGroundTruth(Readable.from([Buffer.from(GROUND_TRUTH)]), { idColumn: 'id', targetColumn: 'target', taskId: 't' });
  });
  const score = (file: Buffer, metric = 'rmse') => scorePredictions({ groundTruth: truth, predictions: Readable.from([file]), metric });

  it.each<[string, Buffer, string]>([
    ['a row is missing', lines('id,target', 'a-1,1', 'a-2,2'), 'the file has 2 data row(s), expected 3 (one per id): id "a,3" is missing'],
    ['the file has only the header', lines('id,target'), 'the file has 0 data row(s), expected 3 (one per id): id "a-1" is missing'],
    ['the file is empty', Buffer.alloc(0), 'the file is empty (expected the header id,target)'],
    ['the file holds only blank lines', Buffer.from('\n\r\n\n'), 'the file is empty (expected the header id,target)'],
    ['an id repeats', lines('id,target', 'a-1,1', 'a-2,2', 'a-1,3'), 'row 3 (id "a-1"): duplicate id (first on row 1)'],
    ['an extra row repeats an id', lines('id,target', ...GOOD_ROWS, 'a-2,1'), 'row 4 (id "a-2"): duplicate id (first on row 2)'],
    ['an id is unknown', lines('id,target', 'a-1,1', 'a-9,2', '"a,3",3'), 'row 2 (id "a-9"): unknown id (not in the ground truth)'],
    ['a quoted id is written unquoted', lines('id,target', 'a-1,1', 'a-2,2', 'a,3,3'), 'row 3 (id "a"): has 3 field(s), expected 2'],
    ['a prediction is NaN', lines('id,target', 'a-1,NaN', 'a-2,2', '"a,3",3'), 'row 1 (id "a-1"): prediction "NaN" is not a finite number'],
    ['a prediction is Inf', lines('id,target', 'a-1,1', 'a-2,Inf', '"a,3",3'), 'row 2 (id "a-2"): prediction "Inf" is not a finite number'],
    ['a prediction is -Infinity', lines('id,target', 'a-1,1', 'a-2,-Infinity', '"a,3",3'), 'row 2 (id "a-2"): prediction "-Infinity" is not a finite number'],
    ['a prediction overflows', lines('id,target', 'a-1,1', 'a-2,2', '"a,3",1e309'), 'row 3 (id "a,3"): prediction "1e309" is not a finite number'],
    ['a prediction is empty', lines('id,target', 'a-1,', 'a-2,2', '"a,3",3'), 'row 1 (id "a-1"): prediction "" is not a finite number'],
    ['a prediction is hexadecimal', lines('id,target', 'a-1,0x10', 'a-2,2', '"a,3",3'), 'row 1 (id "a-1"): prediction "0x10" is not a finite number'],
    ['a prediction uses a decimal comma', lines('id,target', 'a-1,"1,5"', 'a-2,2', '"a,3",3'), 'row 1 (id "a-1"): prediction "1,5" is not a finite number'],
    [
      'the file is semicolon-separated',
      lines('id;target', 'a-1;1', 'a-2;2', 'a,3;3'),
      'the header "id;target" is not comma-separated (the file seems to use ";" as its delimiter; use ",")',
    ],
    [
      'only the data rows are semicolon-separated',
      lines('id,target', 'a-1;1'),
      'row 1 (id "a-1;1"): has 1 field(s), expected 2 (the file seems to use ";" as its delimiter; use ",")',
    ],
    ['the file is tab-separated', lines('id\ttarget', 'a-1\t1'), 'the header "id\\ttarget" is not comma-separated (the file seems to use tabs as its delimiter; use ",")'],
    ['a column is missing', lines('id', 'a-1', 'a-2', '"a,3"'), 'the header must be exactly the columns "id" and "target" (in any order): missing "target"'],
    ['a column is extra', lines('id,target,confidence', 'a-1,1,1'), 'the header must be exactly the columns "id" and "target" (in any order): unexpected "confidence"'],
    [
      'columns are misnamed',
      lines('ID,prediction', 'a-1,1'),
      'the header must be exactly the columns "id" and "target" (in any order): missing "id", "target"; unexpected "ID", "prediction"',
    ],
    ['a column repeats', lines('id,target,target', 'a-1,1,1'), 'the header repeats the column(s) "target"'],
    ['a trailing comma adds an empty column', lines('id,target,', 'a-1,1,'), 'the header must be exactly the columns "id" and "target" (in any order): unexpected ""'],
    [
      'the file is Latin-1',
      Buffer.concat([lines('id,target', 'a-1,1'), Buffer.from('caf\xe9,2\n', 'latin1')]),
      // "id,target\n" (10 bytes) + "a-1,1\n" (6) + "caf" (3): the lone 0xE9 (é in Latin-1) is byte 19.
      'the file is not valid UTF-8: invalid byte 0xE9 at byte offset 19 (line 3)',
    ],
    ['a quote is never closed', lines('id,target', 'a-1,1', '"a-2,2', 'a,3,3'), 'row 2 (line 4) is not valid CSV: a quoted field is never closed'],
    [
      'a quote sits inside an unquoted field',
      lines('id,target', 'a-1,1', 'a"2,2'),
      'row 2 (line 3) is not valid CSV: a quote appears inside an unquoted field (quote the whole field and double the quotes inside it)',
    ],
    [
      'a row is enormous',
      lines('id,target', `a-1,${'9'.repeat(MAX_CSV_RECORD_BYTES + 10)}`),
      `row 1 (line 2) is not valid CSV: the row is longer than ${MAX_CSV_RECORD_BYTES} bytes`,
    ],
  ])('should fail with a message naming the problem when %s', async (_case, file, message) => {
    const outcome = await score(file);
    expect(outcome).toEqual({ failure: message });
    for (const secret of SECRET_TARGETS) expect(message).not.toContain(secret);
  });

  it.each<[string, Buffer]>([
    ['has a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), lines('id,target', ...GOOD_ROWS)])],
    ['uses CRLF line ends', Buffer.from(`id,target\r\n${GOOD_ROWS.join('\r\n')}\r\n`)],
    ['uses bare CR line ends', Buffer.from(`id,target\r${GOOD_ROWS.join('\r')}\r`)],
    ['has no final line end', Buffer.from(`id,target\n${GOOD_ROWS.join('\n')}`)],
    ['puts the columns in the other order, quoted', lines('"target","id"', '10.5,a-1', '20.25,"a-2"', '30.125,"a,3"')],
    ['has blank lines and spaces around values', lines('id, target', '', ' a-1 , 10.5', 'a-2,20.25 ', '', '"a,3",30.125')],
  ])('should score the file when it %s', async (_case, file) => {
    expect(await score(file)).toEqual({ score: 0 });
  });

  it('should keep ids with non-ASCII characters intact when they are valid UTF-8', async () => {
    const unicode = await readGroundTruth(Readable.from([Buffer.from('id,target\nçà-😀,1\n')]), { idColumn: 'id', targetColumn: 'target', taskId: 't' });
    const outcome = await scorePredictions({ groundTruth: unicode, predictions: Readable.from([lines('id,target', 'çà-😀,1')]), metric: 'mae' });
    expect(outcome).toEqual({ score: 0 });
  });

  it('should report the first bad row when several rows are bad', async () => {
    const outcome = await score(lines('id,target', 'a-1,abc', 'zz,1', 'a-1,2', '"broken'));
    expect(outcome).toEqual({ failure: 'row 1 (id "a-1"): prediction "abc" is not a finite number' });
  });

  it('should cut a huge id short when quoting it back', async () => {
    const outcome = await score(lines('id,target', `${'x'.repeat(5000)},1`));
    expect(outcome).toEqual({ failure: `row 1 (id "${'x'.repeat(64)}…"): unknown id (not in the ground truth)` });
  });

  it('should accept any label text when the metric compares labels', async () => {
    expect(await score(lines('id,target', 'a-1,NaN', 'a-2,', '"a,3",30.125'), 'accuracy')).toEqual({ score: 1 / 3 });
  });
});

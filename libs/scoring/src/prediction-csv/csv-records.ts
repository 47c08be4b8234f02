import { CsvError, Parser } from 'csv-parse';
import { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ScoringFailure } from '../metrics/scoring-failure';
import { Utf8Validator } from './utf8-validator';

/** A CSV source: a stream (e.g. a blob read stream) or any async iterable of byte or text chunks. */
export type CsvInput = Readable | AsyncIterable<Uint8Array | string>;

/** The longest record accepted, so a hostile file cannot make one field take the worker's memory. */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

/** Called for each record in file order: index 0 is the header, 1.. the data rows. Throw a ScoringFailure to stop. */
export type CsvRecordHandler = (fields: string[], index: number) => void;

/**
 * Streams a comma-separated UTF-8 file (BOM stripped; CRLF, LF or CR line ends; RFC 4180 quotes; blank lines
 * skipped) and hands each record to `onRecord` synchronously as it is parsed, so the first bad row is the one
 * reported and nothing is buffered. Reading stops (the input is destroyed) at the first failure.
 * Resolves with the number of records, header included (0 for an empty file). Content problems reject with
 * a ScoringFailure; errors of the input stream itself reject unchanged.
 */
export async function readCsvRecords(input: CsvInput, onRecord: CsvRecordHandler): Promise<number> {
  let records = 0;
  const validator = new Utf8Validator();
  const parser = new RecordParser((record) => onRecord(record, records++));
  try {
    await pipeline(
      input,
      async function* checkUtf8(source: AsyncIterable<Uint8Array | string>) {
        for await (const chunk of source) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          validator.check(bytes);
          yield bytes;
        }
        validator.end();
      },
      parser,
    );
  } catch (error) {
    if (error instanceof CsvError) throw csvFailure(error, records);
    throw error;
  }
  return records;
}

// csv-parse's parser, with each record handed to a callback the moment it is parsed instead of being queued
// (its `on_record` option does the same but builds an info object per record: 2.5× slower). An exception from
// the callback fails the stream with that exception.
class RecordParser extends Parser {
  constructor(private readonly onRecord: (record: string[]) => void) {
    super({
      bom: true,
      delimiter: ',',
      quote: '"',
      escape: '"',
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true, // field counts are checked by the caller, with its own message
      skip_empty_lines: true,
      max_record_size: MAX_CSV_RECORD_BYTES,
    });
  }

  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.onRecord(record as string[]);
    return true;
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      super._transform(chunk, encoding, callback);
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      super._flush(callback);
    } catch (error) {
      callback(error as Error);
    }
  }
}

// The record being parsed when csv-parse failed is the one after the `records` already handed over.
function csvFailure(error: CsvError, records: number): ScoringFailure {
  const line = typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
  const where = records === 0 ? `the header${line}` : `row ${records}${line}`;
  return new ScoringFailure(`${where} is not valid CSV: ${csvReason(error)}`, records === 0 ? undefined : records);
}

function csvReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and double the quotes inside it)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote';
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is longer than ${MAX_CSV_RECORD_BYTES} bytes`;
    default:
      return error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message;
  }
}

/** A hint for a one-column line that was meant to be split by another delimiter ('' when none applies). */
export function delimiterHint(line: string): string {
  if (line.includes(';')) return ' (the file seems to use ";" as its delimiter; use ",")';
  if (line.includes('\t')) return ' (the file seems to use tabs as its delimiter; use ",")';
  return '';
}

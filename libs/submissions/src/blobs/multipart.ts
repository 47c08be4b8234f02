import { FastifyRequest } from 'fastify';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { BlobStore, StoredBlob } from './blob-store';

/** An uploaded file as stored. */
export interface UploadedFile extends StoredBlob {
  field: string;
  filename: string;
  mimetype: string;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/**
 * Reads a multipart request, streaming each file of an allowed field straight into the blob store.
 * Unknown file fields are a 400 naming them; a file over `maxFileBytes` is a 413.
 */
export async function readMultipart(request: FastifyRequest, blobs: BlobStore, options: { fileFields: string[]; maxFileBytes: number }): Promise<MultipartBody> {
  if (!request.isMultipart()) {
    throw new SubmissionsError(SubmissionsErrorCode.NotMultipart, 'the request must be multipart/form-data');
  }
  const body: MultipartBody = { fields: {}, files: [] };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        body.fields[part.fieldname] = String(part.value);
        continue;
      }
      if (!options.fileFields.includes(part.fieldname)) {
        part.file.resume();
        throw new SubmissionsError(SubmissionsErrorCode.UnknownField, `unexpected file field ${part.fieldname}`);
      }
      const stored = await blobs.put(part.file, options.maxFileBytes);
      body.files.push({ ...stored, field: part.fieldname, filename: part.filename, mimetype: part.mimetype });
    }
  } catch (error) {
    // Nothing of a failed request is kept.
    await Promise.all(body.files.map((file) => blobs.remove(file.key)));
    throw error;
  }
  return body;
}

/** The outcome of one automated check of a project archive; a failed check warns, it never rejects. */
export interface ArchiveCheck {
  /** Stable name, e.g. `required-file:README*` or `size`. */
  name: string;
  /** `pending` while the organiser's sandboxed command has not run yet. */
  status: 'passed' | 'failed' | 'pending';
  message: string;
}

/** The uploaded archive of a project; its bytes are in the blob store under `blobKey`. */
export interface ProjectArchive {
  blobKey: string;
  name: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

import { api, ApiError } from './client';
import { getSession } from './session.store';

/** The answer to a multipart upload: its status (0: no answer, the network failed), body, and Retry-After seconds. */
export interface UploadAnswer<T> {
  status: number;
  body: T | ApiError | null;
  retryAfter: number | null;
}

function send<T>(url: string, form: FormData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadAnswer<T>> {
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    const session = getSession();
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: T | ApiError | null;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as T | ApiError) : null;
      } catch {
        body = null;
      }
      const retryAfter = Number(xhr.getResponseHeader('retry-after'));
      resolve({ status: xhr.status, body, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null });
    };
    xhr.onerror = () => resolve({ status: 0, body: null, retryAfter: null });
    xhr.onabort = () => resolve({ status: 0, body: null, retryAfter: null });
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/**
 * Uploads `form` with progress. A 401 (the access token expired) refreshes the session through the API client once
 * and sends again, as every other request does.
 */
export async function uploadWithProgress<T>(url: string, form: FormData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadAnswer<T>> {
  const first = await send<T>(url, form, onProgress, signal);
  if (first.status !== 401 || !getSession()) return first;
  // Any authenticated read refreshes a spent access token (client.ts); then the upload goes again.
  await api.GET('/api/v1/auth/me');
  if (!getSession()) return first;
  onProgress(0);
  return send<T>(url, form, onProgress, signal);
}

/** The API's message of a refusal, as one line. */
export function answerMessage(body: unknown): string {
  const message = (body as ApiError | null)?.message;
  return [message ?? ''].flat().join(' ');
}

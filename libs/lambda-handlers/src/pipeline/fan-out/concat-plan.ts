/** A byte range [start, end) of source object `source`. */
export interface SourceRange {
  readonly source: number;
  readonly start: number;
  readonly end: number;
}

/**
 * One part of the multipart upload: a server-side copy of one source range (UploadPartCopy), or
 * bytes read from one or more source ranges and uploaded (UploadPart).
 */
export type ConcatPart = { readonly copy: SourceRange } | { readonly upload: readonly SourceRange[] };

export interface MultipartLimits {
  readonly minPartBytes: number;
  readonly maxPartBytes: number;
  readonly maxParts: number;
}

/** S3's multipart limits: every part but the last at least 5 MiB, none above 5 GiB, at most 10,000. */
export const MULTIPART_LIMITS: MultipartLimits = { minPartBytes: 5 * 1024 * 1024, maxPartBytes: 5 * 1024 * 1024 * 1024, maxParts: 10_000 };

/**
 * How to join objects of the given sizes, in order, into one with a multipart upload copy, so the
 * bytes of large parts never pass through the function. A part smaller than 5 MiB cannot be a
 * copied part (unless it is the last), so small sources — and the head of a large source that
 * follows them — are gathered into an uploaded part of exactly 5 MiB; the rest of a large source
 * is copied. The function therefore holds at most 5 MiB at a time, whatever the sizes.
 */
export function concatPlan(sizes: readonly number[], limits: MultipartLimits = MULTIPART_LIMITS): ConcatPart[] {
  const { minPartBytes, maxPartBytes } = limits;
  const parts: ConcatPart[] = [];
  let pending: SourceRange[] = [];
  let pendingBytes = 0;
  for (const [source, size] of sizes.entries()) {
    for (let start = 0; start < size; ) {
      const rest = size - start;
      if (pendingBytes === 0 && rest >= minPartBytes) {
        const end = start + Math.min(rest, maxPartBytes);
        parts.push({ copy: { source, start, end } });
        start = end;
        continue;
      }
      const end = start + Math.min(rest, minPartBytes - pendingBytes);
      pending.push({ source, start, end });
      pendingBytes += end - start;
      start = end;
      if (pendingBytes === minPartBytes) {
        parts.push({ upload: pending });
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) parts.push({ upload: pending });
  if (parts.length > limits.maxParts) {
    throw new RangeError(`joining ${sizes.length} objects needs ${parts.length} parts, above S3's ${limits.maxParts}`);
  }
  return parts;
}

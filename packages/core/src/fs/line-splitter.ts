/** A line longer than the reader allows: not a file of the format it expects (or one damaged). */
export class LineTooLongError extends Error {
  constructor(
    readonly limit: number,
    /** The line's first bytes, decoded: enough to tell an earlier format's document from garbage. */
    readonly start: string,
  ) {
    super(`a line is longer than ${limit} bytes`);
  }
}

/**
 * Splits chunks of a file into its lines (at `\n` bytes, decoded as UTF-8), for the line readers: what follows a
 * chunk's last newline waits, copied, for the next chunk (the reader may reuse its buffer, and a small rest must not
 * keep a whole chunk alive). A line longer than `maxLineBytes` throws LineTooLongError as soon as it is known to be.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = Number.POSITIVE_INFINITY) {}

  /** The lines this chunk completes. */
  *push(chunk: Buffer): Generator<string> {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      if (this.pendingBytes + piece.length > this.maxLineBytes) throw this.tooLong(piece);
      yield this.pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...this.pending, piece]).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(start)));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxLineBytes) throw this.tooLong();
    }
  }

  /** A last line without its newline, if the file has one (the callers' counts and trailers find a file cut short). */
  end(): string | undefined {
    return this.pending.length > 0 ? Buffer.concat(this.pending).toString('utf8') : undefined;
  }

  private tooLong(piece?: Buffer): LineTooLongError {
    const bytes = Buffer.concat(piece ? [...this.pending, piece] : this.pending);
    return new LineTooLongError(this.maxLineBytes, bytes.subarray(0, 64).toString('utf8'));
  }
}

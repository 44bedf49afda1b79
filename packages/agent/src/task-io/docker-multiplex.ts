// Docker's multiplexed stream (the log and exec output of a container without a TTY): frames of an 8-byte
// header (stream type 1 stdout or 2 stderr, three zero bytes, a big-endian length) then that many bytes. A
// frame may arrive split over several chunks, or several in one: the demuxer keeps the partial header or
// payload between chunks. PURE.

export interface OutputChunk {
  /** 1 stdout, 2 stderr. */
  fd: number;
  data: Buffer;
}

export class DockerDemuxer {
  private header = Buffer.alloc(0);
  private fd = 1;
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;

  /** The output in `chunk`, in order (a frame's payload may come out in pieces). */
  push(chunk: Buffer): OutputChunk[] {
    const out: OutputChunk[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        out.push({ fd: this.fd, data: chunk.subarray(at, at + n) });
        this.remaining -= n;
        at += n;
        continue;
      }
      const need = 8 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.header.length < 8) break;
      // Type 0 is stdin echoed back; Docker writes it only with a TTY, which is never multiplexed.
      this.fd = this.header[0] === 2 ? 2 : 1;
      this.remaining = this.header.readUInt32BE(4);
      this.header = Buffer.alloc(0);
    }
    return out;
  }
}

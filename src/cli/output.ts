/**
 * Buffered stdout that ends the process quietly when the reader goes away (`| head`).
 */
export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly limit = 256 * 1024) {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }

  line(s: string): void {
    this.parts.push(s, '\n');
    this.size += s.length + 1;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeAll(text);
  }
}

/** Synchronous write of everything (stdout to a pipe or file), treating EPIPE as "done". */
function writeAll(text: string): void {
  try {
    process.stdout.write(text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    throw err;
  }
}

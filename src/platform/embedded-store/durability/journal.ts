import type { FileHandle } from 'node:fs/promises';
import type { Document } from 'bson';
import type { WriteLog } from '../commands/command-dispatcher.js';
import { encodeFrame } from './record-frame.js';

/**
 * `always`: fsync before acknowledging (survives power loss). `{ intervalMs }`: write before
 * acknowledging, fsync on a timer (survives a process crash). `never`: for tests.
 */
export type FsyncPolicy = 'always' | 'never' | { readonly intervalMs: number };

interface Pending {
  readonly sequence: number;
  readonly frame: Buffer;
}

interface Waiter {
  readonly sequence: number;
  resolve(): void;
  reject(error: Error): void;
}

interface Switch {
  /** Records up to this sequence belong to the old file. */
  readonly after: number;
  readonly file: FileHandle;
  done(): void;
}

/**
 * Append-only log with group commit: records appended while a write is in flight (or in
 * the same event-loop turn) go out together in one write and one fsync.
 */
export class Journal implements WriteLog {
  private pending: Pending[] = [];
  private waiters: Waiter[] = [];
  private appended = 0;
  private durable = 0;
  private running = false;
  private dirty = false;
  private failure: Error | undefined;
  private switchRequest: Switch | undefined;
  private idle: (() => void) | undefined;
  private readonly syncTimer: NodeJS.Timeout | undefined;

  constructor(
    private file: FileHandle,
    private fileBytes: number,
    private readonly policy: FsyncPolicy,
    private readonly onGrowth: (fileBytes: number) => void = () => undefined,
  ) {
    if (typeof policy === 'object') this.syncTimer = setInterval(() => void this.syncIfDirty(), policy.intervalMs).unref();
  }

  append(record: Document): void {
    this.pending.push({ sequence: ++this.appended, frame: encodeFrame(record) });
    this.schedule();
  }

  appendedSequence(): number {
    return this.appended;
  }

  whenDurable(sequence: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (sequence <= this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ sequence, resolve, reject }));
  }

  /** Records appended from now on go to `next`; resolves once the old file is synced and closed. */
  switchTo(next: FileHandle): Promise<void> {
    return new Promise((done) => {
      this.switchRequest = { after: this.appended, file: next, done };
      this.schedule();
    });
  }

  async close(): Promise<void> {
    if (this.syncTimer) clearInterval(this.syncTimer);
    await this.whenDurable(this.appended).catch(() => undefined);
    await this.flushLoopIdle();
    if (!this.failure && this.policy !== 'never') await this.file.datasync();
    await this.file.close();
  }

  private schedule(): void {
    if (this.running) return;
    this.running = true;
    // setImmediate: every command handled in this turn of the event loop joins the batch.
    setImmediate(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0 || this.switchRequest) {
        const limit = this.switchRequest?.after ?? Infinity;
        const cut = this.pending.findIndex((entry) => entry.sequence > limit);
        const batch = cut === -1 ? this.pending : this.pending.slice(0, cut);
        this.pending = cut === -1 ? [] : this.pending.slice(cut);
        if (batch.length > 0) await this.write(batch);
        if (this.switchRequest && (this.pending.length === 0 || this.pending[0]!.sequence > this.switchRequest.after)) {
          await this.completeSwitch(this.switchRequest);
        }
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.running = false;
      this.idle?.();
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    if (this.failure) throw this.failure;
    const bytes = batch.length === 1 ? batch[0]!.frame : Buffer.concat(batch.map((entry) => entry.frame));
    for (let offset = 0; offset < bytes.length;) {
      const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    this.fileBytes += bytes.length;
    if (this.policy === 'always') await this.file.datasync();
    else this.dirty = true;
    this.durable = batch[batch.length - 1]!.sequence;
    this.release();
    this.onGrowth(this.fileBytes);
  }

  private async completeSwitch(request: Switch): Promise<void> {
    await this.file.datasync();
    await this.file.close();
    this.file = request.file;
    this.fileBytes = 0;
    this.dirty = false;
    this.switchRequest = undefined;
    request.done();
  }

  private release(): void {
    const ready = this.waiters.filter((waiter) => waiter.sequence <= this.durable);
    this.waiters = this.waiters.filter((waiter) => waiter.sequence > this.durable);
    for (const waiter of ready) waiter.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }

  private async syncIfDirty(): Promise<void> {
    if (!this.dirty || this.failure) return;
    this.dirty = false;
    await this.file.datasync().catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
  }

  private flushLoopIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }
}

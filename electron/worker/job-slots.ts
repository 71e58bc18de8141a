// Cancel flags shared between the host and the long lane: one Int32 per running job, set by the
// host (jobs.cancel) and read by the job at each progress step. Shared memory, not a message,
// because a job inside a long synchronous step cannot read messages until it returns.
export const JOB_SLOTS = 64;

export class JobSlots {
  private readonly flags: Int32Array;
  private readonly slotOf = new Map<string, number>();

  constructor(buffer: SharedArrayBuffer) {
    this.flags = new Int32Array(buffer);
  }

  static buffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(JOB_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  }

  /** Worker side: a free slot for a new job, cleared (-1: none free, the job cannot be cancelled). */
  take(jobId: string): number {
    const used = new Set(this.slotOf.values());
    for (let slot = 0; slot < JOB_SLOTS; slot++) {
      if (used.has(slot)) continue;
      Atomics.store(this.flags, slot, 0);
      this.slotOf.set(jobId, slot);
      return slot;
    }
    return -1;
  }

  release(jobId: string): void {
    this.slotOf.delete(jobId);
  }

  slot(jobId: string): number {
    return this.slotOf.get(jobId) ?? -1;
  }

  /** Worker side: has the host asked this job to stop? */
  requested(jobId: string): boolean {
    const slot = this.slot(jobId);
    return slot >= 0 && Atomics.load(this.flags, slot) === 1;
  }

  /** Host side: asks the job in `slot` to stop. */
  request(slot: number): void {
    if (slot >= 0 && slot < JOB_SLOTS) Atomics.store(this.flags, slot, 1);
  }
}

// The page's worker: runs a fleet job ("batch" or "outages") in the core and
// answers { id, progress } as it goes (at most every 50 ms), then
// { id, result } or { id, error }. The page stops a job by ending the worker.
import init, * as core from "./core.js";

const ready = init();

self.onmessage = async ({ data }) => {
  const { id, job, scenario, agents } = data;
  try {
    await ready;
    let last = 0;
    const progress = (done, total) => {
      const now = performance.now();
      if (total > 0 && now - last > 50) {
        last = now;
        self.postMessage({ id, progress: done / total });
      }
    };
    if (job === "batch") {
      const [bytes, errors] = core.batch(scenario, agents, progress);
      self.postMessage({ id, result: bytes, errors }, [bytes.buffer]);
    } else if (job === "outages") {
      self.postMessage({ id, result: core.outages(scenario, agents, progress) });
    } else {
      self.postMessage({ id, error: `no such job: ${job}` });
    }
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};

// Live progress of a sweep run: polls the run's small JSON endpoint every 2 seconds while it is
// queued or running and updates the figures in place; reloads the page once it has ended.
document.addEventListener("DOMContentLoaded", () => {
  const live = document.getElementById("run-live");
  if (!live) return;
  const active = (status) => status === "queued" || status === "running";
  if (!active(live.dataset.status)) return;
  const set = (field, value) => {
    for (const el of live.querySelectorAll(`[data-field="${field}"]`)) el.textContent = String(value);
  };
  const timer = setInterval(async () => {
    try {
      const res = await fetch(live.dataset.url, { headers: { accept: "application/json" } });
      if (!res.ok) return;
      const run = await res.json();
      for (const key of Object.keys(run.figures)) set(key, run.figures[key]);
      set("shards", run.shardsText);
      const bar = live.querySelector("progress");
      if (bar) {
        bar.max = Math.max(1, run.shardsTotal);
        bar.value = run.shardsDone;
      }
      if (!active(run.status)) {
        clearInterval(timer);
        location.reload();
      }
    } catch {
      // A missed poll is harmless; the next one catches up.
    }
  }, 2000);
});

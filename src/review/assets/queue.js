// Findings queue: the "select all on this page" box. The page works without it.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("select-all");
  if (!all) return;
  all.addEventListener("change", () => {
    for (const box of document.querySelectorAll('#bulk-form input[name="ids"]')) box.checked = all.checked;
  });
});

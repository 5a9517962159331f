// Dashboard charts: every <canvas data-chart="{type,label,labels,values}"> becomes a Chart.js
// chart. The numbers are also in the tables under each chart, so the page reads without script.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  const palette = [
    "#c8161d",
    "#f5a623",
    "#1a7f37",
    "#1d4ed8",
    "#7c3aed",
    "#0891b2",
    "#be185d",
    "#65a30d",
    "#ea580c",
    "#475569",
    "#0f766e",
    "#a16207",
  ];
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const spec = JSON.parse(canvas.dataset.chart);
    const many = spec.type === "doughnut";
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: [
          {
            label: spec.label,
            data: spec.values,
            backgroundColor: many ? palette : "#c8161d",
            borderColor: spec.type === "line" ? "#c8161d" : undefined,
            tension: 0.2,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: many } },
        scales: many ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
});

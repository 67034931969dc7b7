// Draws each indicator's measurements (from the page's json_script) with the local Chart.js.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var labels = document.getElementById("chart-labels");
  var targetLabel = labels ? labels.dataset.target : "target";
  var measuredLabel = labels ? labels.dataset.measured : "measured";
  var series = JSON.parse(source.textContent);
  series.forEach(function (item) {
    var canvas = document.getElementById("chart-" + item.id);
    if (!canvas) {
      return;
    }
    var dates = item.points.map(function (p) { return p.x; });
    var datasets = [{
      label: measuredLabel,
      data: item.points.map(function (p) { return p.y; }),
      borderColor: "#9b2226",
      backgroundColor: "rgba(155, 34, 38, 0.15)",
      fill: true,
      tension: 0.2,
    }];
    if (item.target !== null) {
      datasets.push({
        label: targetLabel,
        data: dates.map(function () { return item.target; }),
        borderColor: "#1f2328",
        borderDash: [6, 4],
        pointRadius: 0,
        fill: false,
      });
    }
    new window.Chart(canvas, {
      type: "line",
      data: { labels: dates, datasets: datasets },
      options: {
        responsive: true,
        // Values are evidence: draw them where they are, with no animation in between.
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: !!item.unit, text: item.unit } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();

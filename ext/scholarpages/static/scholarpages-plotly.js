// Draws each chart of the page with the plotly.js the site serves (see diagrams/plotly_chart.py).
document.addEventListener("DOMContentLoaded", () => {
  for (const chart of document.querySelectorAll(".scholarpages-plotly-chart")) {
    const figure = JSON.parse(chart.dataset.figure);
    Plotly.newPlot(chart, figure.data || [], figure.layout || {}, {
      responsive: true,
      displaylogo: false,
    });
  }
});

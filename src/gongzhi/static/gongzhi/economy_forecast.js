// Chart of the forecast page (收入预测): history, forecast with its interval, and the forecast
// without the marks when there are marks. Data from json_script, never inline script.
(function () {
  const element = document.getElementById("gz-forecast-data");
  const box = document.getElementById("chart-forecast");
  if (!element || !box || typeof echarts === "undefined") return;
  const d = JSON.parse(element.textContent);
  const periods = d.history.periods.concat(d.forecast.map((p) => p.period));
  const pad = (n) => new Array(n).fill(null);
  const h = d.history.values.length;
  const wan = (v) => (v === null || v === undefined ? "—" : (v / 10000).toFixed(2) + "万元");
  const series = [
    {name: "实际", type: "line", data: d.history.values.concat(pad(d.forecast.length)), showSymbol: false},
    {name: "预测", type: "line", data: pad(h).concat(d.forecast.map((p) => p.value)), lineStyle: {type: "dashed"}},
    {name: "下限", type: "line", data: pad(h).concat(d.forecast.map((p) => p.lower)), lineStyle: {opacity: 0}, stack: "band", symbol: "none"},
    {name: "区间", type: "line", data: pad(h).concat(d.forecast.map((p) => p.upper - p.lower)), lineStyle: {opacity: 0}, stack: "band", symbol: "none", areaStyle: {opacity: 0.2}},
  ];
  if (d.without_marks.length) {
    series.push({name: "不含标注的预测", type: "line", data: pad(h).concat(d.without_marks.map((p) => p.value)), lineStyle: {type: "dotted"}});
  }
  const chart = echarts.init(box);
  window.addEventListener("resize", () => chart.resize());
  chart.setOption({
    textStyle: {fontFamily: "sans-serif"},
    tooltip: {trigger: "axis", valueFormatter: wan},
    legend: {top: 0, type: "scroll", data: ["实际", "预测", "不含标注的预测"]},
    grid: {left: 50, right: 16, top: 40, bottom: 30},
    xAxis: {type: "category", data: periods},
    yAxis: {type: "value", name: "万元", axisLabel: {formatter: (v) => (v / 10000).toFixed(0)}},
    series: series,
  });
})();

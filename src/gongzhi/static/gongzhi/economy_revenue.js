// Charts of the revenue pages (收入分析, 税源结构, 行业税负). The data come from
// <script type="application/json"> elements written by Django's json_script, never inline script.
(function () {
  const font = {fontFamily: "sans-serif"};
  const read = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };
  const chart = (id) => {
    const element = document.getElementById(id);
    if (!element) return null;
    const instance = echarts.init(element);
    window.addEventListener("resize", () => instance.resize());
    return instance;
  };
  const wan = (v) => (v === null || v === undefined ? "—" : (v / 10000).toFixed(2) + "万元");

  function revenue(d) {
    const c = chart("chart-revenue");
    if (!c) return;
    c.setOption({
      textStyle: font,
      tooltip: {trigger: "axis", valueFormatter: wan},
      legend: {top: 0, type: "scroll"},
      grid: {left: 60, right: 60, top: 40, bottom: 30},
      xAxis: {type: "category", data: d.labels},
      yAxis: [
        {type: "value", name: "当月（万元）", axisLabel: {formatter: (v) => (v / 10000).toFixed(0)}},
        {type: "value", name: "累计（万元）", axisLabel: {formatter: (v) => (v / 10000).toFixed(0)}},
      ],
      series: [
        {name: d.year + "年当月", type: "bar", data: d.this_year, itemStyle: {color: "#1f3a5f"}},
        {name: d.year - 1 + "年当月", type: "bar", data: d.last_year, itemStyle: {color: "#9fb3c8"}},
        {name: d.year + "年累计", type: "line", yAxisIndex: 1, data: d.ytd_this, itemStyle: {color: "#c0392b"}},
        {name: d.year - 1 + "年累计", type: "line", yAxisIndex: 1, data: d.ytd_last, lineStyle: {type: "dashed"}, itemStyle: {color: "#7f8c8d"}},
      ],
    });
  }

  function structure(d) {
    const pie = chart("chart-industries");
    if (pie) pie.setOption({textStyle: font, title: {text: "分行业入库", left: "center", textStyle: {fontSize: 14}}, tooltip: {valueFormatter: wan}, series: [{type: "pie", radius: ["30%", "60%"], top: 30, data: d.industries, label: {overflow: "truncate", width: 90}}]});
    const bar = chart("chart-towns");
    if (bar) bar.setOption({textStyle: font, title: {text: "分镇街入库", left: "center", textStyle: {fontSize: 14}}, tooltip: {trigger: "axis", valueFormatter: wan}, grid: {left: 90, right: 20}, yAxis: {type: "category", data: d.towns.names, inverse: true, axisLabel: {width: 80, overflow: "truncate"}}, xAxis: {type: "value", axisLabel: {formatter: (v) => (v / 10000).toFixed(0)}}, series: [{type: "bar", data: d.towns.values, itemStyle: {color: "#1f3a5f"}}]});
  }

  function burden(d) {
    const c = chart("chart-burden");
    if (!c) return;
    const pct = (v) => (v === null || v === undefined ? "—" : v.toFixed(2) + "%");
    c.setOption({
      textStyle: font,
      tooltip: {trigger: "axis", valueFormatter: pct},
      legend: {top: 0},
      grid: {left: 50, right: 20, top: 40, bottom: 90},
      xAxis: {type: "category", data: d.names, axisLabel: {rotate: 40, width: 90, overflow: "truncate"}},
      yAxis: {type: "value", name: "%"},
      series: [
        {name: "行业税负率", type: "bar", data: d.burden, itemStyle: {color: "#1f3a5f"}},
        {name: "下四分位", type: "scatter", data: d.q1, symbol: "triangle", symbolSize: 10, itemStyle: {color: "#c0392b"}},
        {name: "中位数", type: "scatter", data: d.median, symbol: "circle", symbolSize: 10, itemStyle: {color: "#2e8b57"}},
        {name: "上四分位", type: "scatter", data: d.q3, symbol: "triangle", symbolRotate: 180, symbolSize: 10, itemStyle: {color: "#7f8c8d"}},
      ],
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const r = read("gz-revenue-data");
    if (r) revenue(r);
    const s = read("gz-structure-data");
    if (s) structure(s);
    const b = read("gz-burden-data");
    if (b) burden(b);
  });
})();

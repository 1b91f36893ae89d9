// Charts of the supervision pages. The data come from <script type="application/json"> elements
// written by Django's json_script (escaped for HTML), never from inline script.
(function () {
  const font = {fontFamily: "sans-serif"};
  const read = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };

  function dashboard(data) {
    echarts.init(document.getElementById("chart-levels")).setOption({title: {text: "任务预警等级", left: "center", textStyle: {fontSize: 14}}, tooltip: {}, series: [{type: "pie", radius: ["35%", "65%"], data: data.levels}], textStyle: font});
    echarts.init(document.getElementById("chart-statuses")).setOption({title: {text: "最新进展状态", left: "center", textStyle: {fontSize: 14}}, tooltip: {}, xAxis: {type: "category", data: data.statuses.names}, yAxis: {type: "value", minInterval: 1}, series: [{type: "bar", data: data.statuses.values, itemStyle: {color: "#1f3a5f"}}], textStyle: font});
    echarts.init(document.getElementById("chart-areas")).setOption({title: {text: "各领域任务", left: "center", textStyle: {fontSize: 14}}, tooltip: {trigger: "axis"}, grid: {left: 140}, yAxis: {type: "category", data: data.areas.names, axisLabel: {width: 130, overflow: "truncate"}}, xAxis: {type: "value", minInterval: 1}, series: data.areas.series, textStyle: font});
  }

  function indicator(d) {
    const series = [{name: "报送值", type: "line", data: d.values || [], symbolSize: 8, itemStyle: {color: "#1f3a5f"}}];
    if (d.path) series.push({name: "计划路径", type: "line", data: d.path, lineStyle: {type: "dashed"}, symbol: "none", itemStyle: {color: "#7f8c8d"}});
    if (d.projection) series.push({name: "按当前进度预计", type: "line", data: d.projection, lineStyle: {type: "dotted"}, itemStyle: {color: "#c0392b"}});
    if (d.target !== undefined && d.target !== null) series[0].markLine = {symbol: "none", data: [{yAxis: d.target, name: "目标"}], lineStyle: {color: "#2e8b57"}, label: {formatter: "目标 {c}"}};
    echarts.init(document.getElementById("chart")).setOption({tooltip: {trigger: "axis"}, legend: {top: 0}, xAxis: {type: "time"}, yAxis: {type: "value", scale: true}, series});
  }

  document.addEventListener("DOMContentLoaded", () => {
    const board = read("gz-dashboard-data");
    if (board) dashboard(board);
    const one = read("gz-indicator-data");
    if (one) indicator(one);
  });
})();
